import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { endpoint } from './endpoint';

let dynamo: DynamoDBClient | undefined;
let doc: DynamoDBDocumentClient | undefined;

export function dynamoClient(): DynamoDBClient {
  dynamo ??= new DynamoDBClient({ endpoint: endpoint('DYNAMODB') });
  return dynamo;
}

export function docClient(): DynamoDBDocumentClient {
  doc ??= DynamoDBDocumentClient.from(dynamoClient(), {
    // Optional fields of domain objects are `undefined`, which DynamoDB cannot store.
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  return doc;
}

export function resetDynamo(): void {
  dynamo?.destroy();
  dynamo = doc = undefined;
}
