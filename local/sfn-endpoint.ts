// A Step Functions endpoint on loopback speaking the AWS JSON 1.0 protocol, for the
// operations the app uses, so the real @aws-sdk/client-sfn pointed at it through
// AWS_ENDPOINT_URL_SFN works unchanged. Signatures are not checked.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ExecutionDescription, ExecutionStatus, LocalStepFunctions } from './stepfunctions';
import { SfnServiceError } from './task-tokens';
import { keepIdleConnections } from './keep-alive';

export interface LocalSfnEndpoint {
  /** http://127.0.0.1:<port> — for AWS_ENDPOINT_URL_SFN. */
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

type Body = Record<string, unknown>;
type Operation = (body: Body) => Promise<unknown> | unknown;

/** JSON 1.0 timestamps are epoch seconds. */
const epoch = (d: Date | undefined) => (d ? d.getTime() / 1000 : undefined);

function summary(e: ExecutionDescription) {
  return { executionArn: e.executionArn, stateMachineArn: e.stateMachineArn, name: e.name, status: e.status, startDate: epoch(e.startDate), stopDate: epoch(e.stopDate) };
}

function operations(sfn: LocalStepFunctions): Record<string, Operation> {
  const str = (body: Body, key: string): string => {
    const v = body[key];
    if (typeof v !== 'string' || v === '') throw new SfnServiceError('ValidationException', `${key} is required`);
    return v;
  };
  return {
    async StartExecution(body) {
      const { executionArn, startDate } = await sfn.startExecution({
        stateMachineArn: str(body, 'stateMachineArn'),
        input: typeof body.input === 'string' ? body.input : undefined,
        name: typeof body.name === 'string' ? body.name : undefined,
      });
      return { executionArn, startDate: epoch(startDate) };
    },
    DescribeExecution(body) {
      const e = sfn.describeExecution(str(body, 'executionArn'));
      return { ...summary(e), input: e.input, output: e.output, error: e.error, cause: e.cause };
    },
    ListExecutions(body) {
      const executions = sfn.listExecutions({
        stateMachineArn: typeof body.stateMachineArn === 'string' ? body.stateMachineArn : undefined,
        statusFilter: typeof body.statusFilter === 'string' ? (body.statusFilter as ExecutionStatus) : undefined,
      });
      // Newest first, as AWS lists them; no paging locally.
      return { executions: executions.reverse().map(summary) };
    },
    async StopExecution(body) {
      const { stopDate } = await sfn.stopExecution(str(body, 'executionArn'), {
        error: typeof body.error === 'string' ? body.error : undefined,
        cause: typeof body.cause === 'string' ? body.cause : undefined,
      });
      return { stopDate: epoch(stopDate) };
    },
    SendTaskSuccess(body) {
      sfn.tokens.sendTaskSuccess(str(body, 'taskToken'), str(body, 'output'));
      return {};
    },
    SendTaskFailure(body) {
      sfn.tokens.sendTaskFailure(
        str(body, 'taskToken'),
        typeof body.error === 'string' ? body.error : undefined,
        typeof body.cause === 'string' ? body.cause : undefined,
      );
      return {};
    },
    SendTaskHeartbeat(body) {
      // Heartbeats are not enforced locally; only check that the token is live.
      const token = str(body, 'taskToken');
      if (!sfn.tokens.list().some((t) => t.token === token)) throw new SfnServiceError('TaskDoesNotExist', 'Task does not exist anymore');
      return {};
    },
  };
}

export async function startSfnEndpoint(sfn: LocalStepFunctions, options: { port?: number } = {}): Promise<LocalSfnEndpoint> {
  const ops = operations(sfn);
  const server: Server = createServer((req, res) => {
    void handle(ops, req, res);
  });
  keepIdleConnections(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
}

async function handle(ops: Record<string, Operation>, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const send = (status: number, body: unknown, errorType?: string) => {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/x-amz-json-1.0',
      'content-length': Buffer.byteLength(text),
      'x-amzn-requestid': randomUUID(),
      ...(errorType ? { 'x-amzn-errortype': errorType } : {}),
    });
    res.end(text);
  };
  try {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const target = String(req.headers['x-amz-target'] ?? '');
    const [prefix, name] = target.split('.');
    const op = prefix === 'AWSStepFunctions' && name ? ops[name] : undefined;
    if (req.method !== 'POST' || !op) {
      throw new SfnServiceError('UnknownOperationException', `unsupported operation '${target}'`);
    }
    const raw = Buffer.concat(chunks).toString('utf8');
    const body = (raw ? JSON.parse(raw) : {}) as Body;
    send(200, (await op(body)) ?? {});
  } catch (err) {
    if (err instanceof SfnServiceError) {
      send(400, { __type: `com.amazonaws.swf.service.v2.model#${err.name}`, message: err.message }, err.name);
    } else {
      send(500, { __type: 'InternalFailure', message: (err as Error).message }, 'InternalFailure');
    }
  }
}
