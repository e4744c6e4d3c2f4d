// Asserts that an SDK call failed with the given AWS error, and returns it.
import assert from 'node:assert/strict';

export interface ExpectedError {
  status: number;
  message?: string | RegExp;
}

export async function rejectsWith(call: Promise<unknown>, name: string, expected: ExpectedError): Promise<any> {
  const error = await call.then(
    () => assert.fail(`expected ${name}, the call succeeded`),
    (e: any) => e,
  );
  assert.equal(error.name, name, `expected ${name}, got ${error.name}: ${error.message}`);
  assert.equal(error.$metadata?.httpStatusCode, expected.status);
  if (typeof expected.message === 'string') assert.equal(error.message, expected.message);
  else if (expected.message) assert.match(error.message, expected.message);
  return error;
}
