import { buildSchema, getOperationAST, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { AcceptedDocuments } from '../src/validation/accepted-documents.ts';

const schema = buildSchema('type Query { page(first: Int): [Int] }');

function counted(verdict: string | null) {
  let calls = 0;
  return { refusal: () => (calls++, verdict), calls: () => calls };
}

describe('AcceptedDocuments', () => {
  it('checks an operation without variables once per document and schema', () => {
    const accepted = new AcceptedDocuments();
    const document = parse('query Home { page(first: 5) }');
    const operation = getOperationAST(document)!;
    const check = counted(null);
    for (let i = 0; i < 3; i++) expect(accepted.check(schema, document, operation, check.refusal)).toBeNull();
    expect(check.calls()).toBe(1);
    accepted.check(buildSchema('type Query { page(first: Int): [Int] }'), document, operation, check.refusal);
    expect(check.calls()).toBe(2);
  });

  it('checks an operation declaring variables on every request', () => {
    const accepted = new AcceptedDocuments();
    const document = parse('query Page($n: Int) { page(first: $n) }');
    const check = counted(null);
    for (let i = 0; i < 3; i++) accepted.check(schema, document, getOperationAST(document)!, check.refusal);
    expect(check.calls()).toBe(3);
  });

  it('never remembers a refusal', () => {
    const accepted = new AcceptedDocuments();
    const document = parse('query Big { page(first: 100) }');
    const check = counted('too costly');
    for (let i = 0; i < 2; i++) expect(accepted.check(schema, document, getOperationAST(document)!, check.refusal)).toBe('too costly');
    expect(check.calls()).toBe(2);
  });

  it('tells the operations of one document apart by name', () => {
    const accepted = new AcceptedDocuments();
    const document = parse('query A { page(first: 1) } query B { page(first: 100) }');
    expect(accepted.check(schema, document, getOperationAST(document, 'A')!, () => null)).toBeNull();
    expect(accepted.check(schema, document, getOperationAST(document, 'B')!, () => 'refused')).toBe('refused');
  });
});
