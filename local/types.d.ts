// The emulators ship no type declarations. Shorthand declarations only say the modules exist;
// local/ casts them to the shapes in local/emulator-types.ts, so this file never conflicts
// with richer declarations elsewhere in the project (ambient declarations merge globally).
declare module 'dynalite';
declare module 's3rver';
