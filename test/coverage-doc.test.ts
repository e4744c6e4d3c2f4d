import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import { COVERAGE_PATH, registeredServices, renderCoverage } from '../scripts/coverage-doc.ts';

it('docs/COVERAGE.md matches the registered services (run `npm run coverage-doc` after adding operations)', async () => {
  const services = await registeredServices();
  assert.ok(services.length > 0);
  assert.equal(readFileSync(COVERAGE_PATH, 'utf8'), renderCoverage(services));
});
