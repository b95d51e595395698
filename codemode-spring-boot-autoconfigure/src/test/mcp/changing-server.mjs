// A stdio MCP server for the tests: its tools change at run time, one answers late and one kills the server.
// With "--tools-dir <dir>" it also adds a tool for each file created in that directory (named after the file),
// a change that no request of the client causes.
import { readdirSync } from "node:fs";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const server = new McpServer({ name: "changing-server", version: "1.0.0" });
const text = (value) => ({ content: [{ type: "text", text: String(value) }] });
let cancelled = 0;

// registerTool on a connected server sends notifications/tools/list_changed by itself.
server.registerTool("add_tool", {
  description: "Adds a tool of the given name, which answers with its own name.",
  inputSchema: { name: z.string() },
}, async ({ name }) => {
  server.registerTool(name, { description: `Added at run time by add_tool.` }, async () => text(name));
  return text(`added ${name}`);
});

server.registerTool("slow", {
  description: "Answers after the given number of milliseconds, or stops when the client cancels the call.",
  inputSchema: { ms: z.number() },
}, ({ ms }, extra) => new Promise((resolve) => {
  const timer = setTimeout(() => resolve(text(`slept ${ms} ms`)), ms);
  extra.signal.addEventListener("abort", () => { clearTimeout(timer); cancelled++; });
}));

server.registerTool("cancelled", {
  description: "How many calls of slow the client has cancelled (notifications/cancelled) so far.",
}, async () => text(cancelled));

server.registerTool("crash", {
  description: "Ends the server process at once, without answering.",
}, async () => process.exit(1));

await server.connect(new StdioServerTransport());

const toolsDir = process.argv.indexOf("--tools-dir");
if (toolsDir > 0) {
  const dir = process.argv[toolsDir + 1];
  const added = new Set();
  setInterval(() => {
    for (const name of readdirSync(dir)) {
      if (!added.has(name)) {
        added.add(name);
        server.registerTool(name, { description: `Added at run time for a file in ${dir}.` }, async () => text(name));
      }
    }
  }, 50).unref();
}
