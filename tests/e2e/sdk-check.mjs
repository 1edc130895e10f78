// node sdk-check.mjs --cases <cases.json> (--stdio <command> [args...] | --http <url>)
//
// Drives a server with the official TypeScript SDK client, as IDE hosts do, and checks:
//  - every tool has a description and schemas IDE clients accept (object + properties, arrays with
//    items), and every outputSchema compiles under JSON Schema 2020-12 (Ajv);
//  - each tool call in the cases file: structuredContent validates against the tool's outputSchema
//    (the SDK checks too), error results carry no structuredContent, expected fields and texts;
//  - every listed resource reads, resource and prompt cases, completions, ping.
// Exit 1 with a list of failures.
import fs from 'node:fs';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { CreateMessageRequestSchema, ElicitRequestSchema, ListRootsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import Ajv2020Module from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

const Ajv2020 = Ajv2020Module.default ?? Ajv2020Module;
const addFormats = addFormatsModule.default ?? addFormatsModule;

const argv = process.argv.slice(2);
let casesFile;
const ci = argv.indexOf('--cases');
if (ci >= 0) { casesFile = argv[ci + 1]; argv.splice(ci, 2); }
const [mode, ...rest] = argv;
if (!['--stdio', '--http'].includes(mode) || rest.length === 0) {
  console.error('usage: node sdk-check.mjs [--cases file] (--stdio <cmd> [args...] | --http <url>)');
  process.exit(2);
}
const cases = casesFile ? JSON.parse(fs.readFileSync(casesFile, 'utf8')) : {};
const failures = [];
const fail = (what) => { failures.push(what); console.error('FAIL', what); };
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);

const get = (obj, path) => path.split('.').reduce((o, k) => (o == null ? undefined : o[/^\d+$/.test(k) ? Number(k) : k]), obj);

function checkSchemaShape(schema, where) {
  if (!schema || typeof schema !== 'object') return;
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.includes('object') && !('properties' in schema)) fail(`${where}: object schema without properties`);
  if (types.includes('array') && !('items' in schema)) fail(`${where}: array schema without items`);
  for (const k of ['properties', '$defs', 'definitions']) for (const [n, s] of Object.entries(schema[k] ?? {})) checkSchemaShape(s, `${where}/${k}/${n}`);
  for (const k of ['items', 'additionalProperties', 'not']) if (schema[k] && typeof schema[k] === 'object') checkSchemaShape(schema[k], `${where}/${k}`);
  for (const k of ['anyOf', 'oneOf', 'allOf']) (schema[k] ?? []).forEach((s, i) => checkSchemaShape(s, `${where}/${k}/${i}`));
}

const transport = mode === '--stdio'
  ? new StdioClientTransport({ command: rest[0], args: rest.slice(1), stderr: 'ignore' })
  : new StreamableHTTPClientTransport(new URL(rest[0]));
const client = new Client({ name: 'openness-mcp-e2e', version: '1.0.0' },
  { capabilities: { roots: { listChanged: true }, sampling: {}, elicitation: {} } });
client.setRequestHandler(ListRootsRequestSchema, async () => ({ roots: [] }));
client.setRequestHandler(CreateMessageRequestSchema, async (req) => ({
  role: 'assistant', model: 'e2e-model', content: { type: 'text', text: `echo:${req.params.messages?.[0]?.content?.text ?? ''}` } }));
client.setRequestHandler(ElicitRequestSchema, async () => ({ action: 'accept', content: { username: 'e2e', email: 'e2e@example.org' } }));

let counts = { tools: 0, calls: 0, resources: 0, prompts: 0, completions: 0 };
try {
  await client.connect(transport);
  const info = client.getServerVersion();
  if (!info?.name || !info?.version) fail('serverInfo lacks name or version');

  const tools = [];
  let cursor;
  do { const page = await client.listTools(cursor ? { cursor } : {}); tools.push(...page.tools); cursor = page.nextCursor; } while (cursor);
  counts.tools = tools.length;
  const validators = new Map();
  for (const t of tools) {
    if (!t.description) fail(`tool ${t.name}: no description`);
    if (t.inputSchema?.type !== 'object') fail(`tool ${t.name}: inputSchema is not an object schema`);
    checkSchemaShape(t.inputSchema, `tool ${t.name} inputSchema`);
    try { ajv.compile(t.inputSchema); } catch (e) { fail(`tool ${t.name}: inputSchema does not compile: ${e.message}`); }
    if (t.outputSchema) {
      checkSchemaShape(t.outputSchema, `tool ${t.name} outputSchema`);
      try { validators.set(t.name, ajv.compile(t.outputSchema)); } catch (e) { fail(`tool ${t.name}: outputSchema does not compile: ${e.message}`); }
    }
  }
  for (const name of cases.requireTools ?? []) if (!tools.find((t) => t.name === name)) fail(`tool ${name} not listed`);

  for (const c of cases.calls ?? []) {
    const label = `call ${c.tool} ${JSON.stringify(c.args ?? {}).slice(0, 80)}`;
    let res;
    try { res = await client.callTool({ name: c.tool, arguments: c.args ?? {} }); }
    catch (e) {
      if (c.expectProtocolError) { counts.calls++; continue; }
      fail(`${label}: threw ${e.message}`); continue;
    }
    if (c.expectProtocolError) { fail(`${label}: expected a protocol error, got a result`); continue; }
    counts.calls++;
    const isError = res.isError === true;
    if (isError !== (c.isError === true)) fail(`${label}: isError ${isError}, expected ${c.isError === true}: ${JSON.stringify(res.content).slice(0, 300)}`);
    if (isError && 'structuredContent' in res) fail(`${label}: an error result carries structuredContent`);
    const v = validators.get(c.tool);
    if (!isError && v) {
      if (!res.structuredContent) fail(`${label}: no structuredContent though the tool has an outputSchema`);
      else if (!v(res.structuredContent)) fail(`${label}: structuredContent breaks outputSchema: ${ajv.errorsText(v.errors)}`);
    }
    const text = (res.content ?? []).filter((b) => b.type === 'text').map((b) => b.text).join('\n');
    for (const s of c.textIncludes ?? []) if (!text.includes(s)) fail(`${label}: text lacks "${s}": ${text.slice(0, 300)}`);
    for (const [path, want] of Object.entries(c.expect ?? {})) {
      const got = get(res.structuredContent, path);
      if (JSON.stringify(got) !== JSON.stringify(want)) fail(`${label}: structuredContent.${path} = ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
    }
    for (const [path, sub] of Object.entries(c.expectIncludes ?? {})) {
      const got = JSON.stringify(get(res.structuredContent, path) ?? null);
      if (!got.includes(sub)) fail(`${label}: structuredContent.${path} lacks ${JSON.stringify(sub)}: ${got.slice(0, 200)}`);
    }
  }

  const resources = [];
  cursor = undefined;
  do { const page = await client.listResources(cursor ? { cursor } : {}); resources.push(...page.resources); cursor = page.nextCursor; } while (cursor);
  const templates = (await client.listResourceTemplates()).resourceTemplates;
  for (const r of resources) {
    if (!r.uri || !r.name) fail(`resource without uri or name: ${JSON.stringify(r)}`);
    try {
      const got = await client.readResource({ uri: r.uri });
      if (!got.contents?.length) fail(`resource ${r.uri}: no contents`);
      counts.resources++;
    } catch (e) { fail(`resource ${r.uri}: ${e.message}`); }
  }
  for (const c of cases.resources ?? []) {
    try {
      const got = await client.readResource({ uri: c.uri });
      if (c.expectError) { fail(`resource ${c.uri}: expected an error`); continue; }
      const text = got.contents.map((x) => x.text ?? '').join('\n');
      if (c.mimeType && got.contents[0]?.mimeType !== c.mimeType) fail(`resource ${c.uri}: mimeType ${got.contents[0]?.mimeType}`);
      for (const s of c.textIncludes ?? []) if (!text.includes(s)) fail(`resource ${c.uri}: text lacks "${s}"`);
      counts.resources++;
    } catch (e) {
      if (c.expectError && (c.expectError === true || String(e.code) === String(c.expectError))) { counts.resources++; continue; }
      fail(`resource ${c.uri}: ${e.message}`);
    }
  }
  for (const t of cases.requireTemplates ?? []) if (!templates.find((x) => x.uriTemplate === t)) fail(`template ${t} not listed`);

  const prompts = (await client.listPrompts()).prompts;
  for (const p of prompts) if (!p.description) fail(`prompt ${p.name}: no description`);
  for (const c of cases.prompts ?? []) {
    try {
      const got = await client.getPrompt({ name: c.name, arguments: c.args ?? {} });
      const text = JSON.stringify(got.messages);
      if (!got.messages?.length) fail(`prompt ${c.name}: no messages`);
      for (const s of c.textIncludes ?? []) if (!text.includes(s)) fail(`prompt ${c.name}: messages lack "${s}"`);
      counts.prompts++;
    } catch (e) { fail(`prompt ${c.name}: ${e.message}`); }
  }
  for (const c of cases.completions ?? []) {
    try {
      const got = await client.complete({ ref: c.ref, argument: c.argument, ...(c.context ? { context: c.context } : {}) });
      const values = got.completion.values;
      for (const s of c.includes ?? []) if (!values.includes(s)) fail(`completion ${JSON.stringify(c.argument)}: values lack ${s}: ${JSON.stringify(values).slice(0, 200)}`);
      counts.completions++;
    } catch (e) { fail(`completion ${JSON.stringify(c.argument)}: ${e.message}`); }
  }
  await client.ping();
} catch (e) {
  fail(`session failed: ${e?.message ?? e}`);
} finally {
  if (transport instanceof StreamableHTTPClientTransport) { try { await transport.terminateSession(); } catch {} }
  await client.close().catch(() => {});
}
console.log(`sdk-check: ${counts.tools} tools, ${counts.calls} calls, ${counts.resources} resource reads, ${counts.prompts} prompts, ${counts.completions} completions; ${failures.length} failures`);
process.exit(failures.length ? 1 : 0);
