import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { endpoint } from './endpoint';
import { onRewire } from '../wiring';

/** Loaded on first use: the notifier reads a robot's webhook secret, e-mail needs none. */
let secrets: Promise<SecretsManagerClient> | undefined;

export function secretsClient(): Promise<SecretsManagerClient> {
  secrets ??= import('@aws-sdk/client-secrets-manager').then(({ SecretsManagerClient: Client }) => new Client({
    endpoint: endpoint('SECRETS_MANAGER'),
    requestHandler: { connectionTimeout: 3_000, requestTimeout: 10_000 },
  }));
  return secrets;
}

export function resetSecrets(): void {
  const old = secrets;
  secrets = undefined;
  void old?.then((c) => c.destroy(), () => undefined);
}

onRewire(resetSecrets);
