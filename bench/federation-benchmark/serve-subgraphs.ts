import http from 'node:http';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { execute, parse, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import { benchmarkSubgraphs } from './subgraphs.ts';

// The benchmark's four subgraphs in one process on one port, each at /<name>, like the published Rust server on
// 4200. A bare node:http handler with a document cache: the subgraphs are shared by every gateway measured, so
// the less CPU they take, the more of the machine the gateway under test gets.
const schemas = new Map<string, GraphQLSchema>(benchmarkSubgraphs.map((s) => [`/${s.name}`, buildSubgraphSchema([{ typeDefs: s.typeDefs, resolvers: s.resolvers }])]));
const documents = new Map<string, DocumentNode>();

const server = http.createServer((req, res) => {
  const schema = schemas.get(req.url ?? '');
  if (!schema || req.method !== 'POST') {
    res.writeHead(404).end();
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', async () => {
    const { query, variables, operationName } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    const key = `${req.url}\n${query}`;
    let document = documents.get(key);
    if (!document) {
      document = parse(query);
      const errors = validate(schema, document);
      if (errors.length > 0) {
        res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ errors }));
        return;
      }
      documents.set(key, document);
    }
    const result = await execute({ schema, document, variableValues: variables, operationName });
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result));
  });
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.env['PORT'] ?? 4200), '127.0.0.1', () => console.log('ready'));
