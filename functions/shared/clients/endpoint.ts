/** `AWS_ENDPOINT_URL_*` points a client at the local emulators; in AWS it is unset. */
export function endpoint(service: 'DYNAMODB' | 'S3' | 'SFN' | 'SQS' | 'SECRETS_MANAGER' | 'SESV2'): string | undefined {
  return process.env[`AWS_ENDPOINT_URL_${service}`] || process.env.AWS_ENDPOINT_URL || undefined;
}
