import { Logger } from '@aws-lambda-powertools/logger';
import { redactReplacer } from '../../app/redact';

/**
 * The one logger. Every line goes through `redactReplacer`, so an ID number or a birth date
 * cannot reach CloudWatch even when someone logs a whole form or an error that quotes one.
 */
export function createLogger(serviceName?: string): Logger {
  return new Logger({
    serviceName: serviceName ?? process.env.POWERTOOLS_SERVICE_NAME ?? 'talent-pool',
    jsonReplacerFn: redactReplacer,
  });
}

export const logger = createLogger();
