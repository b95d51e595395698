// The per-execution runtime of the codemode sandbox. Evaluated in every fresh context before any program sees it
// (ahead of time, while the context waits in the executor's pool); it captures the intrinsics it relies on, so
// that a program that replaces JSON.stringify or Promise cannot forge what crosses into the host. `bind` builds
// the frozen, read-only tool namespaces of the one execution that takes the context.
(function (callTool, writeLog, envJson, maxLogChars, maxResultChars, maxInputChars) {
    'use strict';
    const G = globalThis;
    const { stringify, parse } = JSON;
    const { freeze, create, defineProperty } = Object;
    const PromiseCtor = Promise;
    const ErrorCtor = Error;
    const StringCtor = String;
    const then = Promise.prototype.then;

    // Non-standard globals that the engine adds and that no program needs.
    for (const name of ['SharedArrayBuffer', 'Atomics', 'arguments']) {
        delete G[name];
    }

    function define(target, name, value) {
        defineProperty(target, name, { value, writable: false, enumerable: true, configurable: false });
    }

    function error(name, message) {
        const e = new ErrorCtor(message);
        defineProperty(e, 'name', { value: name, writable: true, enumerable: false, configurable: true });
        return e;
    }

    function tool(namespace, name) {
        return freeze(function (input, ...more) {
            // Tools take one input; a call with more arguments (catalog.search(query, limit)) sends them as an array.
            const value = more.length > 0 ? [input, ...more] : input;
            let json;
            try {
                json = stringify(value === undefined ? null : value);
            }
            catch (e) {
                return PromiseCtor.reject(error('TypeError',
                    'the input of ' + namespace + '.' + name + ' cannot be serialized as JSON: ' + (e && e.message)));
            }
            if (json !== undefined && json.length > maxInputChars) {
                return PromiseCtor.reject(error('LimitError', 'the input of ' + namespace + '.' + name + ' is '
                    + json.length + ' characters of JSON; the limit is ' + maxInputChars));
            }
            return new PromiseCtor(function (resolve, reject) {
                const refused = callTool(namespace, name, json === undefined ? 'null' : json, function (ok, kind, text) {
                    if (ok) {
                        let value;
                        try {
                            value = parse(text);
                        }
                        catch (notJson) {
                            value = text;
                        }
                        resolve(value);
                    }
                    else {
                        const failure = error(kind, text);
                        defineProperty(failure, 'tool', { value: namespace + '.' + name, enumerable: false });
                        reject(failure);
                    }
                });
                if (refused != null) {
                    reject(error('LimitError', refused));
                }
            });
        });
    }

    let bound = false;

    // Defines the namespaces of the execution that took this context; once, before its program is evaluated.
    function bind(namespacesJson) {
        if (bound) {
            throw new ErrorCtor('the namespaces are already bound');
        }
        bound = true;
        const namespaces = parse(namespacesJson);
        for (const namespace of Object.keys(namespaces)) {
            const target = create(null);
            for (const name of namespaces[namespace]) {
                define(target, name, tool(namespace, name));
            }
            defineProperty(G, namespace, { value: freeze(target), writable: false, enumerable: false, configurable: false });
        }
    }

    defineProperty(G, 'process', {
        value: freeze({ env: freeze(parse(envJson)) }), writable: false, enumerable: false, configurable: false
    });

    function format(value) {
        if (typeof value === 'string') {
            return value;
        }
        try {
            if (value instanceof ErrorCtor) {
                return StringCtor(value.name) + ': ' + StringCtor(value.message);
            }
            const json = stringify(value);
            return json === undefined ? StringCtor(value) : json;
        }
        catch (e) {
            try {
                return StringCtor(value);
            }
            catch (unprintable) {
                return '[unprintable ' + typeof value + ']';
            }
        }
    }

    function logger(level) {
        return freeze(function (...values) {
            let line = '';
            for (let i = 0; i < values.length; i++) {
                line += (i > 0 ? ' ' : '') + format(values[i]);
            }
            writeLog(level, line.length > maxLogChars ? line.slice(0, maxLogChars) : line, line.length);
        });
    }

    const console = create(null);
    for (const level of ['log', 'info', 'warn', 'error', 'debug']) {
        define(console, level, logger(level));
    }
    define(console, 'trace', logger('debug'));
    define(console, 'dir', logger('log'));
    define(console, 'table', logger('log'));
    defineProperty(G, 'console', { value: freeze(console), writable: true, enumerable: false, configurable: true });

    // The host polls `outcome` while it delivers tool results, and reads it even when a call into the context
    // ended with an unhandled rejection (the engine throws those from the call that drained the job queue).
    const outcome = { settled: false, failed: false, json: undefined, length: 0, error: undefined };

    // Runs the program's function.
    function run(main) {
        let promise;
        try {
            promise = PromiseCtor.resolve(main());
        }
        catch (e) {
            promise = PromiseCtor.reject(e);
        }
        then.call(promise, function (value) {
            // issue 11 §1: a function that was never called has no JSON form; say so rather than return nothing.
            if (typeof value === 'function') {
                outcome.failed = true;
                outcome.error = error('ResultError',
                    "the program's value is a function; write it as `async () => { ... }` or call it");
                outcome.settled = true;
                return;
            }
            try {
                const json = stringify(value);
                if (json !== undefined) {
                    outcome.length = json.length;
                    outcome.json = json.length > maxResultChars ? json.slice(0, maxResultChars) : json;
                }
            }
            catch (e) {
                outcome.failed = true;
                outcome.error = error('ResultError', 'the returned value cannot be serialized as JSON: ' + format(e && e.message));
            }
            outcome.settled = true;
        }, function (e) {
            outcome.failed = true;
            outcome.error = e;
            outcome.settled = true;
        });
    }

    return freeze({ outcome, run, bind });
})
