import type { SFNClient } from '@aws-sdk/client-sfn';
import { endpoint } from './endpoint';

/** Loaded on first use, like the S3 client: only a few API routes talk to Step Functions. */
let sfn: Promise<SFNClient> | undefined;

export function sfnClient(): Promise<SFNClient> {
  sfn ??= import('@aws-sdk/client-sfn').then(({ SFNClient: Client }) => new Client({ endpoint: endpoint('SFN') }));
  return sfn;
}

export function resetSfn(): void {
  const old = sfn;
  sfn = undefined;
  void old?.then((c) => c.destroy(), () => undefined);
}
