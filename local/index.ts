// The embedded default. startLocalStack(template) wires everything below in one call;
// the pieces stay exported for tests that need only one. The wiring, spelled out:
//
//   const template = synthTemplate();                         // infra/
//   const dynamo = await startDynamo();
//   const tables = await createTablesFromTemplate(dynamo.client, template);
//   const lambdas = new LocalLambdas(localLambdas(template));
//   Object.assign(process.env, mergedEnvironment(lambdas.functions).environment, {
//     AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint, AWS_ENDPOINT_URL_S3: s3.endpoint, … });
//   const sfn = new LocalStepFunctions({ lambdas, clock: new SimulatedClock({ followRealTime: true }) });
//   sfn.registerTemplate(template);
//   const endpoint = await startSfnEndpoint(sfn);              // AWS_ENDPOINT_URL_SFN
//   const s3 = await startS3({ buckets, notifications: s3NotificationsFromTemplate(template),
//     deliver: (event, rule) => lambdas.invoke(rule!.functionArn, event) });
export { startDynamo, createTablesFromTemplate, createTableInput, LOCAL_CREDENTIALS } from './dynamo';
export type { LocalDynamo, StartDynamoOptions, CreateTablesOptions } from './dynamo';
export { startS3, LOCAL_S3_CREDENTIALS } from './s3';
export type { LocalS3, StartS3Options, S3Delivery, DeliveryFailure } from './s3';
export { encodeS3EventKey, toS3Event, toS3EventRecord, s3NotificationsFromTemplate, ruleMatches } from './s3-notification';
export type { S3NotificationRule } from './s3-notification';
export { resolveDefinition, stateMachinesFromTemplate, localLambdas, lambdaHandlerMap, mergedEnvironment, HANDLER_METADATA_KEY, STATE_MACHINE_METADATA_KEY } from './asl';
export type { AslDefinition, TemplateStateMachine, LocalLambda } from './asl';
export { LocalLambdas, LambdaFunctionError, lambdaContext } from './lambdas';
export { SimulatedClock } from './clock';
export type { ClockOptions } from './clock';
export { TaskTokens, TaskFailure, SfnServiceError } from './task-tokens';
export type { PendingToken } from './task-tokens';
export { LocalStepFunctions } from './stepfunctions';
export type { ExecutionDescription, ExecutionStatus, ExecutionEvent, LocalStepFunctionsOptions } from './stepfunctions';
export { startSfnEndpoint } from './sfn-endpoint';
export type { LocalSfnEndpoint } from './sfn-endpoint';
export { prepareDefinition, taskKind } from './sfn-definition';
export { resolveValue, physicalName, envOf, DEFAULT_ENV, TemplateResolutionError } from './template';
export type { CfnTemplate, CfnResource, LocalAwsEnv, ResolveOptions } from './template';
export { startLocalStack } from './stack';
export type { LocalStack, LocalStackOptions } from './stack';
