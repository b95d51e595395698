// The demo page: plain JavaScript over the HTTP API (/api/declarations, /api/execute, /api/chat).
"use strict";

const $ = (selector, root = document) => root.querySelector(selector);

const editor = CodeMirror.fromTextArea($("#editor"), {
    mode: "text/typescript",
    theme: "idea",
    lineNumbers: true,
    matchBrackets: true,
    indentUnit: 2,
    tabSize: 2,
    viewportMargin: Infinity,
    lineWrapping: true,
    extraKeys: {
        "Ctrl-Enter": () => run(),
        "Cmd-Enter": () => run(),
    },
});

async function api(method, path, body) {
    const response = await fetch(path, {
        method,
        headers: body ? { "Content-Type": "application/json" } : {},
        body: body ? JSON.stringify(body) : undefined,
    });
    const json = await response.json().catch(() => null);
    if (!response.ok) {
        // Errors of the API are problem details: {title, status, detail}.
        throw new Error((json && (json.detail || json.title)) || response.status + " " + response.statusText);
    }
    return json;
}

// The description as the model reads it: prose as text, fenced code highlighted.
function renderDescription(description) {
    const container = $("#description");
    container.replaceChildren();
    const fence = /```(\w*)\n([\s\S]*?)\n```/g;
    let last = 0;
    for (let match; (match = fence.exec(description)) !== null;) {
        appendProse(container, description.slice(last, match.index));
        const pre = document.createElement("pre");
        pre.className = "cm-s-idea code " + (match[1] === "typescript" ? "declarations" : "example");
        CodeMirror.runMode(match[2], match[1] === "typescript" ? "text/typescript" : "text/javascript", pre);
        container.append(pre);
        last = match.index + match[0].length;
    }
    appendProse(container, description.slice(last));
}

function appendProse(container, text) {
    if (text.trim()) {
        const pre = document.createElement("pre");
        pre.className = "prose";
        pre.textContent = text.trim();
        container.append(pre);
    }
}

function pretty(value) {
    return JSON.stringify(value, null, 2);
}

// One execution (from /api/execute, or one program of a chat turn) into a container.
function renderExecution(container, execution) {
    container.replaceChildren($("#execution-template").content.cloneNode(true));
    const output = execution.output || {};
    $(".result", container).textContent = output.result === undefined ? "(nothing returned)" : pretty(output.result);
    $(".logs", container).textContent = (output.logs || []).join("\n");
    $(".logs-block", container).hidden = !(output.logs || []).length;
    $(".error", container).textContent = output.error || "";
    $(".error-block", container).hidden = !output.error;
    $(".result-block", container).hidden = Boolean(output.error) && output.result === undefined;

    const calls = execution.toolCalls || [];
    $(".tool-call-count", container).textContent = "(" + calls.length + ")";
    const end = Math.max(execution.durationMillis || 0,
        ...calls.map((c) => c.startedAtMillis + c.durationMillis), 0.01);
    const body = $(".tool-calls tbody", container);
    for (const call of calls) {
        const row = body.insertRow();
        row.className = call.error ? "tool-call failed" : "tool-call";
        cell(row, String(call.number));
        cell(row, call.tool, "tool-name");
        jsonCell(row, pretty(call.input));
        jsonCell(row, call.error ? "✖ " + call.error : pretty(call.output));
        const bar = document.createElement("div");
        bar.className = "bar";
        bar.style.marginLeft = (100 * call.startedAtMillis / end) + "%";
        bar.style.width = Math.max(1, 100 * call.durationMillis / end) + "%";
        bar.title = "started at " + call.startedAtMillis + " ms, ran " + call.durationMillis + " ms";
        cell(row, "", "timeline").append(bar);
        cell(row, call.durationMillis.toFixed(2), "number");
    }
}

// JSON in a scrolling box: a tool that lists things returns a lot.
function jsonCell(row, text) {
    const pre = document.createElement("pre");
    pre.textContent = text;
    cell(row, "", "json").append(pre);
}

function cell(row, text, className) {
    const td = row.insertCell();
    td.textContent = text;
    if (className) {
        td.className = className;
    }
    return td;
}

// The calls that did not run because they need the user's approval (sendEmail), as the tool's JSON lists them
// in "refused": whom each email goes to, its subject and the start of its body. Approving sends the calls back as
// they are, so that the server approves exactly these.
function approvalPrompt(refused, approveLabel, onApprove) {
    const prompt = document.createElement("div");
    prompt.className = "approval";
    const title = document.createElement("h3");
    title.textContent = refused.length === 1 ? "1 call waits for your approval"
        : refused.length + " calls wait for your approval";
    const list = document.createElement("ul");
    for (const call of refused) {
        const item = document.createElement("li");
        item.className = "refused-call";
        const input = call.input || {};
        const what = document.createElement("div");
        const preview = document.createElement("p");
        preview.className = "preview";
        if (typeof input.to === "string") {
            what.textContent = call.tool + " to " + input.to + ": " + (input.subject ?? "(no subject)");
            const body = String(input.body ?? "");
            preview.textContent = body.length > 160 ? body.slice(0, 160) + "…" : body;
        }
        else {
            what.textContent = call.tool;
            preview.textContent = pretty(input);
        }
        const reason = document.createElement("div");
        reason.className = "reason";
        reason.textContent = call.reason || "";
        item.append(what, preview, reason);
        list.append(item);
    }
    const approve = document.createElement("button");
    approve.type = "button";
    approve.className = "approve";
    approve.textContent = approveLabel;
    const dismiss = document.createElement("button");
    dismiss.type = "button";
    dismiss.className = "dismiss";
    dismiss.textContent = "Dismiss";
    approve.addEventListener("click", () => {
        approve.disabled = true;
        dismiss.disabled = true;
        onApprove(refused.map((call) => ({ tool: call.tool, input: call.input })));
    });
    dismiss.addEventListener("click", () => prompt.remove());
    prompt.append(title, list, approve, dismiss);
    return prompt;
}

// Runs a program: the editor's, or the same one again with the calls the user approved.
async function run(code = editor.getValue(), approvals = null) {
    const button = $("#run");
    const status = $("#run-status");
    button.disabled = true;
    status.textContent = "running…";
    $("#approval").replaceChildren();
    try {
        const execution = await api("POST", "/api/execute", approvals ? { code, approvals } : { code });
        renderExecution($("#output"), execution);
        const refused = execution.output.refused || [];
        if (refused.length) {
            $("#approval").append(approvalPrompt(refused, "Approve and run again",
                (approved) => run(execution.code, approved)));
        }
        status.textContent = (execution.output.error ? "failed" : "ran") + " in "
            + (execution.durationMillis ?? "?") + " ms with " + execution.toolCalls.length + " tool call(s)"
            + (refused.length ? ", " + refused.length + " waiting for approval" : "");
        status.className = execution.output.error ? "error-text" : "muted";
    }
    catch (e) {
        status.textContent = e.message;
        status.className = "error-text";
    }
    finally {
        button.disabled = false;
    }
}

// ---- chat, when the server has a model ----

let conversationId = null;

function chatMessage(role, text) {
    const message = document.createElement("div");
    message.className = "message " + role;
    const p = document.createElement("p");
    p.textContent = text;
    message.append(p);
    $("#chat-log").append(message);
    message.scrollIntoView({ block: "end" });
    return message;
}

async function sendChat(event) {
    event.preventDefault();
    const input = $("#chat-input");
    const text = input.value.trim();
    if (!text) {
        return;
    }
    input.value = "";
    await say(text);
}

async function say(text) {
    chatMessage("user", text);
    const pending = chatMessage("assistant pending", "thinking…");
    $("#chat-send").disabled = true;
    try {
        const turn = await api("POST", "/api/chat", { message: text, conversationId });
        conversationId = turn.conversationId;
        pending.remove();
        const message = chatMessage("assistant", turn.reply || "(no text)");
        turn.executions.forEach((execution, i) => message.append(programDetails(execution, i + 1)));
        const refused = turn.executions.flatMap((execution) => (execution.output && execution.output.refused) || []);
        if (refused.length) {
            const prompt = approvalPrompt(refused, "Approve", (approved) => approveInChat(prompt, approved));
            message.append(prompt);
        }
    }
    catch (e) {
        pending.remove();
        chatMessage("failure", e.message);
    }
    finally {
        $("#chat-send").disabled = false;
    }
}

// The server keeps the approvals for the conversation's next turn; then the model is asked to run the program again.
async function approveInChat(prompt, approvals) {
    try {
        await api("POST", "/api/chat/approvals", { conversationId, approvals });
        prompt.remove();
        await say("I approved the calls; run the program again.");
    }
    catch (e) {
        prompt.remove();
        chatMessage("failure", e.message);
    }
}

// A program the model wrote during a turn, what it returned and the tools it called; it can go to the editor.
function programDetails(execution, number) {
    const details = document.createElement("details");
    details.className = "program";
    const summary = document.createElement("summary");
    const failed = execution.output && execution.output.error;
    summary.textContent = "Program " + number + (failed ? " (failed)" : "") + ": "
        + execution.toolCalls.length + " tool call(s), " + (execution.durationMillis ?? "?") + " ms";
    const code = document.createElement("pre");
    code.className = "cm-s-idea code";
    CodeMirror.runMode(execution.code || "", "text/typescript", code);
    const open = document.createElement("button");
    open.type = "button";
    open.textContent = "Open in editor";
    open.addEventListener("click", () => editor.setValue(execution.code || ""));
    const result = document.createElement("div");
    result.className = "execution";
    renderExecution(result, execution);
    details.append(summary, code, open, result);
    return details;
}

// ---- start ----

// The examples whose namespace the declarations have: those of the "mcp" profile only when it is on.
function loadExamples(declarations) {
    const select = $("#examples");
    window.CODEMODE_EXAMPLES.forEach((example, i) => {
        if (!example.namespace || declarations.includes("declare const " + example.namespace + ":")) {
            select.add(new Option(example.title, String(i)));
        }
    });
    select.addEventListener("change", () => editor.setValue(window.CODEMODE_EXAMPLES[select.value].code));
    editor.setValue(window.CODEMODE_EXAMPLES[0].code);
}

async function start() {
    $("#run").addEventListener("click", () => run());
    $("#chat-form").addEventListener("submit", sendChat);
    try {
        const [declarations, chat] = await Promise.all([api("GET", "/api/declarations"), api("GET", "/api/chat")]);
        loadExamples(declarations.declarations || "");
        $("#tool-name").textContent = declarations.toolName;
        renderDescription(declarations.description);
        $("#chat").hidden = !chat.available;
        $("#chat-model").textContent = chat.model ? "with " + chat.model : "";
        $("#mode").textContent = chat.available ? "chat + playground" : "playground: no model configured";
    }
    catch (e) {
        loadExamples("");
        $("#description").textContent = "Could not load the tool's description: " + e.message;
    }
}

start();
