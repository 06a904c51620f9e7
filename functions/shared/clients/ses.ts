import type { SESv2Client } from '@aws-sdk/client-sesv2';
import { endpoint } from './endpoint';
import { onRewire } from '../wiring';

/**
 * Loaded on first use. Only on AWS: locally an e-mail is recorded in the outbox and never
 * sent (DESIGN §7), so the embedded default has no SES endpoint.
 */
let ses: Promise<SESv2Client> | undefined;

export function sesClient(): Promise<SESv2Client> {
  ses ??= import('@aws-sdk/client-sesv2').then(({ SESv2Client: Client }) => new Client({
    endpoint: endpoint('SESV2'),
    requestHandler: { connectionTimeout: 3_000, requestTimeout: 10_000 },
  }));
  return ses;
}

export function resetSes(): void {
  const old = ses;
  ses = undefined;
  void old?.then((c) => c.destroy(), () => undefined);
}

onRewire(resetSes);
