import { describe, expect, it } from 'vitest';
import { buildSchema, Kind, validate, type OperationDefinitionNode } from 'graphql';
import { printSchema } from '@apollo/federation-internals';
import { loadCommittedSupergraph } from '../src/committed-supergraph.ts';
import { readFragmentFiles, readOperationFiles } from '../src/operation-files.ts';

// What the app sends; a renamed or dropped operation is a breaking change for released app versions.
const EXPECTED = [
  'SignUp', 'SignIn', 'Me', 'UpdateProfile', 'RegisterDevice', 'RemoveDevice', 'DeleteAccount', 'HomeScreen',
  'NeighborhoodAt', 'VerifyNeighborhood', 'Neighborhoods', 'HospitalsNear', 'Hospital', 'SearchHospitals', 'ConfirmHospital24Hours',
  'Alerts', 'Alert', 'AlertAdded', 'MarkAlertRead', 'MarkAllAlertsRead', 'MyNeighborhoods', 'RemoveNeighborhoodVerification',
  'SetPrimaryNeighborhood', 'SendAlert', 'AlertDelivery', 'MuteAlertKind', 'UnmuteAlertKind', 'RefreshAccessToken', 'SignOut',
  'ChangePassword',
];

// Rebuilt from its printed SDL: federation-internals holds a CommonJS graphql-js while vitest hands this file the ESM
// build, and graphql-js refuses a schema made by the other copy.
const apiSchema = buildSchema(printSchema(loadCommittedSupergraph().apiSchema()));
const files = readOperationFiles();
const pascal = (file: string) => file.replace(/\.graphql$/, '').replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());

describe('schema/operations', () => {
  it('holds exactly the operations the app sends', () => {
    expect(files.map((f) => pascal(f.file)).sort()).toEqual([...EXPECTED].sort());
  });

  it('shares each fragment of fragments/ with at least two operations, one fragment per file named after it', () => {
    const kebab = (name: string) => name.replace(/[A-Z]/g, (c, i: number) => (i ? '-' : '') + c.toLowerCase());
    for (const { file, definition } of readFragmentFiles()) {
      expect(file, 'file name').toBe(`${kebab(definition.name.value)}.graphql`);
      const users = files.filter((f) => f.document.definitions.some((d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === definition.name.value));
      expect(users.length, `operations sending ${definition.name.value}`).toBeGreaterThanOrEqual(2);
    }
  });

  it('sends each operation with exactly the fragments it spreads', () => {
    const alert = files.find((f) => f.file === 'alert.graphql')!;
    expect(alert.document.definitions.map((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? d.name.value : d.kind))).toEqual([
      Kind.OPERATION_DEFINITION, 'AlertDetail', 'AlertFields',
    ]);
    const me = files.find((f) => f.file === 'me.graphql')!;
    expect(me.document.definitions).toHaveLength(1);
  });

  it.each(files.map((f) => [f.file, f] as const))('%s validates against the supergraph API schema', (_file, { file, document }) => {
    const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    expect(operations.map((o) => o.name?.value), `${file} must hold one operation named after the file`).toEqual([pascal(file)]);
    const errors = validate(apiSchema, document).map((e) => e.toString());
    expect(errors, `${file} does not validate`).toEqual([]);
  });
});
