import { SFNClient } from '@aws-sdk/client-sfn';
import { endpoint } from './endpoint';

let sfn: SFNClient | undefined;

export function sfnClient(): SFNClient {
  sfn ??= new SFNClient({ endpoint: endpoint('SFN') });
  return sfn;
}

export function resetSfn(): void {
  sfn?.destroy();
  sfn = undefined;
}
