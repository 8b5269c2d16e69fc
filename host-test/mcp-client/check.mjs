// The official MCP TypeScript SDK's client against `zoom-host mcp`, for
// host-test/cli/tests/it/mcp_client.rs, which reads the one JSON line this prints and asserts on it.
//
//   node check.mjs stdio <zoom-host> [mcp args...]   (the client starts the server, env passed on)
//   node check.mjs http <url>                          (a server already listening)
//
// It initialises, lists every tool (compiling each input and output schema with Ajv's JSON Schema
// 2020-12 validator, meta-schema checked), then, when the list has them, calls create-meeting,
// add-meeting-registrant and list-meeting-registrants on the meeting created, get-meeting with a
// bad input, poll (twice, the second from the first's cursor) and reconcile; or only the call
// MCP_CHECK_CALL names. callTool validates structuredContent against the tool's outputSchema itself.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const [mode, target, ...rest] = process.argv.slice(2);
const transport =
  mode === 'stdio'
    ? new StdioClientTransport({ command: target, args: rest, env: { ...process.env }, stderr: 'inherit' })
    : mode === 'http'
      ? new StreamableHTTPClientTransport(new URL(target))
      : null;
if (!transport) {
  console.error('usage: node check.mjs stdio <command> [args...] | node check.mjs http <url>');
  process.exit(2);
}

const client = new Client({ name: 'zoom-connector-it', version: '1.0.0' });
await client.connect(transport);
const report = { server: client.getServerVersion(), protocol: transport.protocolVersion ?? null };

const tools = [];
let cursor;
do {
  const page = await client.listTools(cursor ? { cursor } : {});
  tools.push(...page.tools);
  cursor = page.nextCursor;
} while (cursor);

// Meta-schema checked (validateSchema), formats known; `x-secret` is an annotation, not a keyword.
const ajv = new Ajv2020({ strict: false, validateSchema: true, allErrors: true });
addFormats(ajv);
const schemaErrors = (schema) => {
  if (schema === undefined) return null;
  try {
    ajv.compile(schema);
    return null;
  } catch (e) {
    return String(e.message ?? e);
  }
};
report.tools = tools.map((t) => ({
  name: t.name,
  description: t.description,
  annotations: t.annotations ?? null,
  inputSchemaType: t.inputSchema?.type ?? null,
  outputSchemaType: t.outputSchema?.type ?? null,
  inputSchemaError: schemaErrors(t.inputSchema),
  outputSchemaError: schemaErrors(t.outputSchema),
}));

// A call as the agent sees it: the SDK's own output validation failing is reported, not thrown.
const call = async (name, args) => {
  try {
    const r = await client.callTool({ name, arguments: args });
    return { isError: r.isError ?? false, text: r.content.filter((c) => c.type === 'text').map((c) => c.text), structured: r.structuredContent ?? null };
  } catch (e) {
    return { thrown: String(e.message ?? e) };
  }
};

const names = new Set(tools.map((t) => t.name));
if (process.env.MCP_CHECK_CALL) {
  // One given call only: {"name": ..., "arguments": {...}}.
  const { name, arguments: args } = JSON.parse(process.env.MCP_CHECK_CALL);
  report.calls = { only: await call(name, args) };
} else if (names.has('create-meeting')) {
  const calls = {};
  calls.create = await call('create-meeting', {
    topic: 'MCP planning',
    meeting_type: 'scheduled',
    start_time: '2030-01-01T10:00:00Z',
    duration: 30,
    settings: { approval_type: 'automatic' },
  });
  const id = calls.create.structured?.id;
  calls.register = await call('add-meeting-registrant', { meeting_id: id, email: 'ada@example.com', first_name: 'Ada', last_name: 'Lovelace' });
  calls.list = await call('list-meeting-registrants', { meeting_id: id });
  calls.get = await call('get-meeting', { meeting_id: id });
  calls.bad = await call('get-meeting', { meeting_id: 'not a number' });
  // The triggers as tools: a first poll with backfill, the next from its cursor, and reconcile.
  const source = { new_meeting_registrants: id };
  calls.pollFirst = await call('poll', { source, backfill_hours: 1 });
  calls.pollNext = await call('poll', { source, cursor: calls.pollFirst.structured?.cursor });
  const utc = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  calls.reconcile = await call('reconcile', {
    from: utc(Date.now() - 3_600_000),
    to: utc(Date.now() + 60_000),
    seen_keys: [],
    event_names: ['meeting.created', 'meeting.registration_created'],
  });
  report.calls = calls;
}
await client.close();
console.log(JSON.stringify(report));
