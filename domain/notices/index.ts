export * from './notice';
export * from './deadline';
export * from './texts';
