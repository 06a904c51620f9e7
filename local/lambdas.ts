// Invoking a template's Lambda in-process: import its handler module (cached, like a warm
// container), give it a Lambda-like context, JSON round-trip the event and the result (as
// the real wire would), and turn a throw into the error Step Functions would see.
import { randomUUID } from 'node:crypto';
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import type { LocalLambda } from './asl';

type Handler = (event: unknown, context: Context) => unknown;

/**
 * A failed invocation as Step Functions reports it: Error = the thrown error's name
 * (errorType), Cause = the JSON {errorMessage, errorType, trace} Lambda returns.
 */
export class LambdaFunctionError extends Error {
  readonly errorType: string;
  readonly errorMessage: string;
  constructor(errorType: string, errorMessage: string, trace: string[]) {
    super(JSON.stringify({ errorMessage, errorType, trace }));
    this.name = errorType;
    this.errorType = errorType;
    this.errorMessage = errorMessage;
  }
}

export interface LocalLambdasOptions {
  /** Handler module paths are relative to this (default: process.cwd()). */
  rootDir?: string;
}

export class LocalLambdas {
  private readonly byRef = new Map<string, LocalLambda>();
  private readonly modules = new Map<string, Promise<Handler>>();
  private readonly rootDir: string;
  /** Invocations so far per function name (the bench counts them). */
  readonly invocations = new Map<string, number>();

  constructor(readonly functions: LocalLambda[], options: LocalLambdasOptions = {}) {
    this.rootDir = options.rootDir ?? process.cwd();
    for (const fn of functions) {
      this.byRef.set(fn.arn, fn);
      this.byRef.set(fn.functionName, fn);
    }
  }

  /** By ARN, qualified ARN (…:function:name:$LATEST), or name. */
  find(ref: string): LocalLambda | undefined {
    const direct = this.byRef.get(ref);
    if (direct) return direct;
    const m = /^(arn:[^:]+:lambda:[^:]*:[^:]*:function:[^:]+)(?::[^:]+)?$/.exec(ref);
    return m?.[1] ? this.byRef.get(m[1]) : undefined;
  }

  get(ref: string): LocalLambda {
    const fn = this.find(ref);
    if (!fn) throw new Error(`no local Lambda '${ref}' (only functions with the talentPool:handler metadata run locally)`);
    return fn;
  }

  /** Invokes synchronously (RequestResponse). Throws LambdaFunctionError on a handler error. */
  async invoke(ref: string, event: unknown): Promise<unknown> {
    const fn = this.get(ref);
    const handler = await this.load(fn);
    this.invocations.set(fn.functionName, (this.invocations.get(fn.functionName) ?? 0) + 1);
    let result: unknown;
    let timer: NodeJS.Timeout | undefined;
    // Lambda ends an invocation at the function's timeout, and Step Functions reports that as
    // Lambda.Unknown (as it does running out of memory): the same here, so a task's Retry and
    // Catch see what they would see on AWS. Wall-clock time: a handler runs for real.
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new LambdaFunctionError('Lambda.Unknown', `Task timed out after ${fn.timeoutSeconds.toFixed(2)} seconds`, [])), fn.timeoutSeconds * 1000);
      timer.unref();
    });
    try {
      result = await Promise.race([Promise.resolve(handler(roundTrip(event), lambdaContext(fn))), timedOut]);
    } catch (err) {
      if (err instanceof LambdaFunctionError) throw err;
      const e = err instanceof Error ? err : new Error(String(err));
      throw new LambdaFunctionError(e.name || 'Error', e.message, (e.stack ?? '').split('\n'));
    } finally {
      clearTimeout(timer);
    }
    return result === undefined ? null : roundTrip(result);
  }

  private load(fn: LocalLambda): Promise<Handler> {
    let mod = this.modules.get(fn.handlerModule);
    if (!mod) {
      const file = isAbsolute(fn.handlerModule) ? fn.handlerModule : resolve(this.rootDir, fn.handlerModule);
      mod = import(pathToFileURL(file).href).then((m: { handler?: unknown }) => {
        if (typeof m.handler !== 'function') throw new Error(`${fn.handlerModule} exports no handler function`);
        return m.handler as Handler;
      });
      // A failed import should be retried next time (the file may be fixed meanwhile).
      mod.catch(() => this.modules.delete(fn.handlerModule));
      this.modules.set(fn.handlerModule, mod);
    }
    return mod;
  }
}

function roundTrip(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

/** Enough of a Lambda context for Middy and Powertools (the timeout itself is enforced by invoke). */
export function lambdaContext(fn: LocalLambda): Context {
  const deadline = Date.now() + fn.timeoutSeconds * 1000;
  const requestId = randomUUID();
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: fn.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: fn.arn,
    memoryLimitInMB: String(fn.memoryMb),
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${fn.functionName}`,
    logStreamName: `local/[$LATEST]${requestId.replace(/-/g, '')}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
}
