// The per-execution runtime of the codemode sandbox. Evaluated in every fresh context before any program sees it
// (ahead of time, while the context waits in the executor's pool); it captures the intrinsics it relies on, so
// that a program that replaces JSON.stringify or Promise cannot forge what crosses into the host. `bind` builds
// the frozen, read-only tool namespaces of the one execution that takes the context.
(function (callTool, writeLog, envJson, maxLogChars, maxResultChars, maxInputChars, maxArrayLength, maxBigIntDigits,
        maxBufferBytes) {
    'use strict';
    const G = globalThis;
    const { stringify, parse } = JSON;
    const { freeze, create, defineProperty } = Object;
    // Every intrinsic is called through these references, never through a property the program can replace
    // (String.prototype.slice, Function.prototype.call, Promise.resolve, ...).
    const { apply, construct, getOwnPropertyDescriptor, getPrototypeOf, ownKeys } = Reflect;
    const PromiseCtor = Promise;
    const ProxyCtor = Proxy; // the engine's own: the runtime replaces the global one further down
    const promiseReject = Promise.reject;
    const then = Promise.prototype.then;
    const ErrorCtor = Error;
    const StringCtor = String;
    const NumberCtor = Number;
    const slice = String.prototype.slice;
    const includes = String.prototype.includes;
    const hasOwn = Object.prototype.hasOwnProperty;
    const isArray = Array.isArray;
    const isConcatSpreadable = Symbol.isConcatSpreadable;
    const typedArrayLength = getOwnPropertyDescriptor(getPrototypeOf(Uint8Array.prototype), 'length').get;

    function cut(text, max) {
        return text.length > max ? apply(slice, text, [0, max]) : text;
    }

    // Non-standard globals that the engine adds and that no program needs.
    for (const name of ['SharedArrayBuffer', 'Atomics', 'arguments']) {
        delete G[name];
    }

    function define(target, name, value) {
        defineProperty(target, name, { __proto__: null, value, writable: false, enumerable: true, configurable: false });
    }

    function error(name, message) {
        const e = new ErrorCtor(message);
        defineProperty(e, 'name', { __proto__: null, value: name, writable: true, enumerable: false, configurable: true });
        return e;
    }

    function tool(namespace, name) {
        return freeze(function (input, ...more) {
            // Tools take one input; a call with more arguments (catalog.search(query, limit)) sends them as an array.
            let value = input;
            if (more.length > 0) {
                value = [input];
                for (let i = 0; i < more.length; i++) {
                    defineProperty(value, i + 1, { __proto__: null, value: more[i], writable: true, enumerable: true, configurable: true });
                }
            }
            let json;
            try {
                json = stringify(value === undefined ? null : value);
            }
            catch (e) {
                return apply(promiseReject, PromiseCtor, [error('TypeError',
                    'the input of ' + namespace + '.' + name + ' cannot be serialized as JSON: ' + (e && e.message))]);
            }
            if (json !== undefined && json.length > maxInputChars) {
                return apply(promiseReject, PromiseCtor, [error('LimitError', 'the input of ' + namespace + '.' + name
                    + ' is ' + json.length + ' characters of JSON; the limit is ' + maxInputChars)]);
            }
            // Made now, while the program's call is on the stack, so that a failure carries the call's line and column.
            const site = new ErrorCtor('');
            const fail = function (kind, text) {
                defineProperty(site, 'message', { __proto__: null, value: text, writable: true, enumerable: false, configurable: true });
                defineProperty(site, 'name', { __proto__: null, value: kind, writable: true, enumerable: false, configurable: true });
                defineProperty(site, 'tool', { __proto__: null, value: namespace + '.' + name, enumerable: false });
                return site;
            };
            const promise = new PromiseCtor(function (resolve, reject) {
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
                        reject(fail(kind, text));
                    }
                });
                if (refused != null) {
                    reject(fail('LimitError', refused));
                }
            });
            // `await` takes a promise as it is when its constructor is Promise; an own property keeps that true
            // even when the program replaced Promise.prototype.constructor or then.
            defineProperty(promise, 'constructor', { __proto__: null, value: PromiseCtor, writable: false, enumerable: false, configurable: false });
            return promise;
        });
    }

    const ignore = function () {};

    // What a call site finds for a tool its namespace does not have: a function that rejects with the error the
    // host words (the tool's name and the namespace's tools), like any failed tool call.
    function missing(namespace, name) {
        return freeze(function () {
            // Made now, while the program's call is on the stack, so that the error carries its line and column.
            const site = new ErrorCtor('');
            const shown = name.length > 100 ? apply(slice, name, [0, 100]) + '…' : name;
            const text = callTool(namespace, shown, 'null', ignore);
            defineProperty(site, 'message', { __proto__: null, value: StringCtor(text), writable: true, enumerable: false, configurable: true });
            defineProperty(site, 'name', { __proto__: null, value: 'UnknownToolError', writable: true, enumerable: false, configurable: true });
            defineProperty(site, 'tool', { __proto__: null, value: namespace + '.' + shown, enumerable: false });
            const promise = apply(promiseReject, PromiseCtor, [site]);
            defineProperty(promise, 'constructor', { __proto__: null, value: PromiseCtor, writable: false, enumerable: false, configurable: false });
            return promise;
        });
    }

    // The view of a namespace that the program's call sites `ns.tool(...)` go through (ToolCallSites rewrites
    // them to the alias): its tools, and for any other name a function that rejects with UnknownToolError. The
    // namespace itself stays as it is, so typeof, `in` and Object.keys tell the truth. Reads only: every other
    // operation is the frozen namespace's own, which refuses writes.
    function callSites(namespace, target) {
        const handler = create(null);
        handler.get = function (t, key) {
            if (typeof key !== 'string') {
                return undefined;
            }
            const descriptor = getOwnPropertyDescriptor(t, key);
            return descriptor !== undefined ? descriptor.value : missing(namespace, key);
        };
        return construct(ProxyCtor, [target, freeze(handler)]);
    }

    let bound = false;

    // Defines the namespaces of the execution that took this context; once, before its program is evaluated.
    function bind(namespacesJson, aliasesJson) {
        if (bound) {
            throw new ErrorCtor('the namespaces are already bound');
        }
        bound = true;
        const namespaces = parse(namespacesJson);
        const aliases = aliasesJson === undefined ? create(null) : parse(aliasesJson);
        for (const namespace of Object.keys(namespaces)) {
            const target = create(null);
            for (const name of namespaces[namespace]) {
                define(target, name, tool(namespace, name));
            }
            freeze(target);
            defineProperty(G, namespace, { __proto__: null, value: target, writable: false, enumerable: false, configurable: false });
            if (apply(hasOwn, aliases, [namespace])) {
                defineProperty(G, aliases[namespace], { __proto__: null, value: callSites(namespace, target), writable: false,
                    enumerable: false, configurable: false });
            }
        }
    }

    defineProperty(G, 'process', {
        value: freeze({ env: freeze(parse(envJson)) }), writable: false, enumerable: false, configurable: false
    });

    // Console formatting: plain data as JSON, and what JSON would change (NaN, Infinity, undefined, BigInt, cycles,
    // Map, Set, Date, Error) printed as itself, as Node's console does. Only captured intrinsics are called, and the
    // walk stops once the line is longer than the console keeps.
    const keysOf = Object.keys;
    const mapSize = getOwnPropertyDescriptor(Map.prototype, 'size').get;
    const mapForEach = Map.prototype.forEach;
    const setSize = getOwnPropertyDescriptor(Set.prototype, 'size').get;
    const setForEach = Set.prototype.forEach;
    const dateTime = Date.prototype.getTime;
    const dateIso = Date.prototype.toISOString;
    const MAX_FORMAT_DEPTH = 20;

    function isBranded(getter, value) {
        try {
            apply(getter, value, []);
            return true;
        }
        catch (notOfThatKind) {
            return false;
        }
    }

    function scalar(value) {
        switch (typeof value) {
            case 'string': return stringify(value);
            case 'number': return value === value && value !== Infinity && value !== -Infinity ? StringCtor(value)
                : value > 0 ? 'Infinity' : value < 0 ? '-Infinity' : 'NaN';
            case 'bigint': return StringCtor(value) + 'n';
            case 'undefined': return 'undefined';
            case 'boolean': return value ? 'true' : 'false';
            case 'symbol': return StringCtor(value);
            case 'function': return '[Function' + (value.name ? ': ' + StringCtor(value.name) : '') + ']';
        }
        if (value === null) {
            return 'null';
        }
        if (isBranded(dateTime, value)) {
            const time = apply(dateTime, value, []);
            return time === time ? apply(dateIso, value, []) : 'Invalid Date';
        }
        if (value instanceof ErrorCtor) {
            return StringCtor(value.name) + ': ' + StringCtor(value.message);
        }
        if (value instanceof PromiseCtor) {
            return 'Promise { <pending or settled: add await> }';
        }
        return undefined;
    }

    // Appends the value to out.text; throws cutShort once the text is longer than the console keeps.
    function show(value, out, seen, depth) {
        const put = (piece) => {
            out.text += piece;
            if (out.text.length > maxLogChars) {
                throw cutShort;
            }
        };
        const simple = scalar(value);
        if (simple !== undefined) {
            put(simple);
            return;
        }
        for (let i = 0; i < seen.length; i++) {
            if (seen[i] === value) {
                put('[Circular]');
                return;
            }
        }
        if (depth >= MAX_FORMAT_DEPTH) {
            put(isArray(value) ? '[Array]' : '[Object]');
            return;
        }
        defineProperty(seen, seen.length, { __proto__: null, value, writable: true, enumerable: true, configurable: true });
        if (isBranded(mapSize, value)) {
            put('Map(' + apply(mapSize, value, []) + ') {');
            let first = true;
            apply(mapForEach, value, [(v, k) => {
                put(first ? '' : ', ');
                first = false;
                show(k, out, seen, depth + 1);
                put(' => ');
                show(v, out, seen, depth + 1);
            }]);
            put('}');
        }
        else if (isBranded(setSize, value)) {
            put('Set(' + apply(setSize, value, []) + ') {');
            let first = true;
            apply(setForEach, value, [(v) => {
                put(first ? '' : ', ');
                first = false;
                show(v, out, seen, depth + 1);
            }]);
            put('}');
        }
        else if (isArray(value)) {
            put('[');
            for (let i = 0; i < value.length; i++) {
                put(i > 0 ? ',' : '');
                show(value[i], out, seen, depth + 1);
            }
            put(']');
        }
        else {
            put('{');
            const keys = keysOf(value);
            for (let i = 0; i < keys.length; i++) {
                put((i > 0 ? ',' : '') + stringify(keys[i]) + ':');
                show(value[keys[i]], out, seen, depth + 1);
            }
            put('}');
        }
        seen.length = seen.length - 1;
    }

    const cutShort = create(null);

    function format(value) {
        if (typeof value === 'string') {
            return value;
        }
        const out = { text: '' };
        try {
            show(value, out, [], 0);
            return out.text;
        }
        catch (e) {
            if (e === cutShort) {
                return out.text;
            }
            return out.text + '[unprintable ' + typeof value + ': '
                + (e instanceof ErrorCtor ? StringCtor(e.message) : 'it threw') + ']';
        }
    }

    function logger(level) {
        return freeze(function (...values) {
            let line = '';
            for (let i = 0; i < values.length; i++) {
                line += (i > 0 ? ' ' : '') + format(values[i]);
            }
            writeLog(level, cut(line, maxLogChars + 1), line.length);
        });
    }

    const console = create(null);
    for (const level of ['log', 'info', 'warn', 'error', 'debug']) {
        define(console, level, logger(level));
    }
    define(console, 'trace', logger('debug'));
    define(console, 'dir', logger('log'));
    define(console, 'table', logger('log'));
    defineProperty(G, 'console', { __proto__: null, value: freeze(console), writable: true, enumerable: false, configurable: true });

    // The host polls `outcome` while it delivers tool results, and reads it even when a call into the context
    // ended with an unhandled rejection (the engine throws those from the call that drained the job queue).
    const outcome = { settled: false, failed: false, json: undefined, length: 0, error: undefined };

    // The path of the first Promise in a returned value, looked for in at most a few thousand objects.
    function promiseIn(value) {
        const queue = [['result', value]];
        let visited = 0;
        for (let next = 0; next < queue.length && visited < 5000; next++, visited++) {
            const path = queue[next][0];
            const item = queue[next][1];
            if (item instanceof PromiseCtor) {
                return path;
            }
            if (item === null || typeof item !== 'object' || isBranded(dateTime, item)) {
                continue;
            }
            const keys = keysOf(item);
            for (let i = 0; i < keys.length && queue.length < 5000; i++) {
                const key = keys[i];
                const child = isArray(item) ? path + '[' + key + ']' : path + '.' + key;
                defineProperty(queue, queue.length, { __proto__: null, value: [child, item[key]], writable: true, enumerable: true,
                    configurable: true });
            }
        }
        return undefined;
    }

    // Runs the program's function. Its promise is followed with the captured `then`; a value that is no native
    // promise is resolved the standard way, so a thenable the program returns still decides its own outcome.
    function run(main) {
        const settle = function (value) {
            // issue 11 section 1: a function that was never called has no JSON form; say so rather than return nothing.
            if (typeof value === 'function') {
                outcome.failed = true;
                outcome.error = error('ResultError',
                    "the program's value is a function; write it as `async () => { ... }` or call it");
                outcome.settled = true;
                return;
            }
            try {
                const json = stringify(value);
                // A Promise serializes as {}: a forgotten await would be a silent wrong value.
                const promise = json !== undefined && json.length > 1 && apply(includes, json, ['{}'])
                    ? promiseIn(value) : undefined;
                if (promise !== undefined) {
                    outcome.failed = true;
                    outcome.error = error('ResultError', promise + ' is a Promise: add await (the result would '
                        + 'have held {} in its place)');
                    outcome.settled = true;
                    return;
                }
                if (json !== undefined) {
                    outcome.length = json.length;
                    outcome.json = cut(json, maxResultChars + 1);
                }
            }
            catch (e) {
                outcome.failed = true;
                outcome.error = error('ResultError', 'the returned value cannot be serialized as JSON: ' + format(e && e.message));
            }
            outcome.settled = true;
        };
        const fail = function (e) {
            outcome.failed = true;
            outcome.error = e;
            outcome.settled = true;
        };
        let value;
        try {
            value = main();
        }
        catch (e) {
            fail(e);
            return;
        }
        try {
            apply(then, value, [settle, fail]);
        }
        catch (notAPromise) {
            apply(then, new PromiseCtor(function (resolve) {
                resolve(value);
            }), [settle, fail]);
        }
    }

    // Guards. Some builtins loop over an array-like's `length` inside the engine's own code, where a cancellation
    // cannot land (Array.prototype.indexOf.call({ length: 2 ** 53 - 1 }, 1) would keep its thread busy for
    // hours), and BigInt parsing runs in the host's big-number code. Such work is refused before it starts: the
    // guards ask for the length the builtin is about to use, and throw a RangeError beyond the sandbox's bound.
    // The program can replace a guarded builtin with its own function, but never reach the original again.

    function refuse(name, what) {
        return error('RangeError', name + ' was called with ' + what + '; this sandbox refuses arrays and '
            + 'array-likes longer than ' + maxArrayLength + ' elements in builtins, whose work it could not interrupt'
            + ' (use a loop over the part you need, or a typed array)');
    }

    // A property a builtin is about to read, read once, here. A getter (or a valueOf) could answer the guard and
    // the builtin differently, so a property that is not a plain data value is refused.
    function dataValue(value, key, name, what) {
        let target = value;
        while (target !== null) {
            refuseProxy(target, name);
            const descriptor = getOwnPropertyDescriptor(target, key);
            if (descriptor !== undefined) {
                if (apply(hasOwn, descriptor, ['value'])) {
                    const v = descriptor.value;
                    if (typeof v === 'object' && v !== null && key !== 'raw' || typeof v === 'function') {
                        throw refuse(name, what + ' whose ' + key + ' is an object');
                    }
                    return v;
                }
                if (descriptor.get === typedArrayLength) {
                    try {
                        return apply(typedArrayLength, value, []);
                    }
                    catch (notATypedArray) {
                        return 0; // the builtin throws its own TypeError
                    }
                }
                throw refuse(name, what + ' whose ' + key + ' is a getter');
            }
            target = getPrototypeOf(target);
        }
        return undefined;
    }

    // A proxy can answer the guard's questions differently from the builtin's, so every proxy the program makes
    // is remembered, and the guarded builtins refuse proxies.
    const OriginalProxy = Proxy;
    const proxyRevocable = Proxy.revocable;
    const proxies = new WeakSet();
    const rememberProxy = WeakSet.prototype.add;
    const isProxy = WeakSet.prototype.has;
    const ProxyGuard = function Proxy(target, handler) {
        if (new.target === undefined) {
            throw error('TypeError', "Constructor Proxy requires 'new'");
        }
        const proxy = construct(OriginalProxy, [target, handler]);
        apply(rememberProxy, proxies, [proxy]);
        return proxy;
    };
    defineProperty(ProxyGuard, 'revocable', { __proto__: null, value: function revocable(target, handler) {
        const pair = apply(proxyRevocable, OriginalProxy, [target, handler]);
        apply(rememberProxy, proxies, [pair.proxy]);
        return pair;
    }, writable: true, configurable: true });
    defineProperty(G, 'Proxy', { __proto__: null, value: ProxyGuard, writable: true, enumerable: false, configurable: true });

    function refuseProxy(value, name) {
        if (apply(isProxy, proxies, [value])) {
            throw refuse(name, 'a Proxy');
        }
    }

    function lengthOf(value, name) {
        if (typeof value === 'string') {
            return value.length;
        }
        if (value === null || (typeof value !== 'object' && typeof value !== 'function')) {
            return 0;
        }
        const length = dataValue(value, 'length', name, 'an array-like');
        const n = typeof length === 'symbol' || typeof length === 'bigint' ? 0 : NumberCtor(length);
        return n > 0 ? n : 0;
    }

    function checkLength(value, name) {
        const n = lengthOf(value, name);
        if (n > maxArrayLength) {
            throw refuse(name, 'an array or array-like of length ' + n);
        }
    }

    function spreadable(value) {
        if (value === null || typeof value !== 'object') {
            return false;
        }
        if (isArray(value)) {
            return true;
        }
        let target = value;
        while (target !== null) {
            refuseProxy(target, 'Array.prototype.concat');
            const descriptor = getOwnPropertyDescriptor(target, isConcatSpreadable);
            if (descriptor !== undefined) {
                return !apply(hasOwn, descriptor, ['value']) || !!descriptor.value;
            }
            target = getPrototypeOf(target);
        }
        return false;
    }

    // A guard is a proxy of the builtin: name, length, prototype and statics read through to it, and only calls
    // and `new` stop at the check. One proxy per builtin is far cheaper, in every fresh context, than a function
    // with the builtin's properties copied onto it. The handlers have no prototype, so a trap that a program adds
    // to Object.prototype (`get`, `has`, ...) is never looked up: the target, the original, stays out of reach.
    const guardTraps = freeze({
        __proto__: null,
        apply(original, self, args) {
            this.check(self, args, this.name);
            return apply(original, self, args);
        },
        construct(original, args, newTarget) {
            this.check(undefined, args, this.name);
            return construct(original, args, newTarget);
        }
    });

    // The descriptors have no prototype either: Intl is guarded after a program ran, and the program may have
    // added `get` or `set` to Object.prototype.
    function wrap(owner, ownerName, key, check) {
        const original = owner[key];
        const name = (ownerName ? ownerName + '.' : '') + (typeof key === 'symbol' ? '[' + key.description + ']' : key);
        const guard = new ProxyCtor(original, { __proto__: guardTraps, check, name });
        const prototype = getOwnPropertyDescriptor(original, 'prototype');
        if (prototype !== undefined && prototype.value && apply(hasOwn, prototype.value, ['constructor'])) {
            // A constructor: its instances lead to the guard, never to the original.
            defineProperty(prototype.value, 'constructor',
                { __proto__: null, value: guard, writable: true, enumerable: false, configurable: true });
        }
        const { writable, enumerable, configurable } = getOwnPropertyDescriptor(owner, key);
        defineProperty(owner, key, { __proto__: null, value: guard, writable, enumerable, configurable });
    }

    const receiver = (self, args, name) => checkLength(self, name);
    const firstArgument = (self, args, name) => checkLength(args[0], name);
    const secondArgument = (self, args, name) => checkLength(args[1], name);
    const receiverAndFirst = (self, args, name) => { checkLength(self, name); checkLength(args[0], name); };

    for (const key of ownKeys(Array.prototype)) {
        if (key !== 'constructor' && key !== 'length' && typeof Array.prototype[key] === 'function') {
            wrap(Array.prototype, 'Array.prototype', key, key === 'toLocaleString' ? receiverAndFirst : key === 'concat'
                ? (self, args, name) => {
                    checkLength(self, name);
                    for (let i = 0; i < args.length; i++) {
                        if (spreadable(args[i])) {
                            checkLength(args[i], name);
                        }
                    }
                }
                : receiver);
        }
    }
    wrap(Array, 'Array', 'from', firstArgument);

    // Functions that make one property per index of a string or typed array loop over all of them in the engine.
    const stringValue = String.prototype.valueOf;
    const indexedLength = (value) => {
        if (typeof value === 'string') {
            return value.length;
        }
        if (value === null || typeof value !== 'object') {
            return 0;
        }
        try {
            return apply(typedArrayLength, value, []);
        }
        catch (notATypedArray) {
            try {
                return apply(stringValue, value, []).length;
            }
            catch (notAString) {
                return 0;
            }
        }
    };
    const everyArgument = (self, args, name) => {
        for (let i = 0; i < args.length; i++) {
            const n = indexedLength(args[i]);
            if (n > maxArrayLength) {
                throw refuse(name, 'a string or typed array of length ' + n);
            }
        }
    };
    for (const key of ['keys', 'values', 'entries', 'getOwnPropertyNames', 'getOwnPropertyDescriptors', 'assign',
        'freeze', 'seal', 'preventExtensions', 'isFrozen', 'isSealed']) {
        wrap(Object, 'Object', key, everyArgument);
    }
    wrap(Reflect, 'Reflect', 'ownKeys', everyArgument);
    for (const key of ['sort', 'toSorted']) {
        wrap(getPrototypeOf(Uint8Array.prototype), 'TypedArray.prototype', key, receiver);
    }
    wrap(String, 'String', 'raw', (self, args, name) => {
        const template = args[0];
        if (template !== null && typeof template === 'object') {
            checkLength(dataValue(template, 'raw', name, 'a template'), name);
        }
    });

    // Every function that takes locales reads them as an array-like.
    wrap(String.prototype, 'String.prototype', 'localeCompare', secondArgument);
    for (const [owner, ownerName, keys] of [
        [String.prototype, 'String.prototype', ['toLocaleLowerCase', 'toLocaleUpperCase']],
        [Number.prototype, 'Number.prototype', ['toLocaleString']],
        [BigInt.prototype, 'BigInt.prototype', ['toLocaleString']],
        [Date.prototype, 'Date.prototype', ['toLocaleString', 'toLocaleDateString', 'toLocaleTimeString']],
        [getPrototypeOf(Uint8Array.prototype), 'TypedArray.prototype', ['toLocaleString']]]) {
        for (const key of keys) {
            wrap(owner, ownerName, key, firstArgument);
        }
    }
    // Intl's constructors are guarded when a program first reads Intl: guarding them up front would build each of
    // them in every context, and most programs never use Intl. Until then the global is an accessor: reading it
    // guards Intl and puts it back as the data property it was; assigning it replaces it. A program may have
    // replaced any builtin by then, so the guarding calls captured intrinsics only (no for-of, no iterator), and
    // Intl is handed out only once every constructor is guarded.
    const intl = Intl;
    const intlProperty = getOwnPropertyDescriptor(G, 'Intl');
    let intlGuarded = false;
    function guardIntl() {
        if (intlGuarded) {
            return;
        }
        wrap(intl, 'Intl', 'getCanonicalLocales', firstArgument);
        const keys = ownKeys(intl);
        for (let i = 0; i < keys.length; i++) {
            const constructor = intl[keys[i]];
            if (typeof constructor === 'function' && getOwnPropertyDescriptor(constructor, 'prototype') !== undefined) {
                if (typeof constructor.supportedLocalesOf === 'function') {
                    wrap(constructor, 'Intl.' + keys[i], 'supportedLocalesOf', firstArgument);
                }
                wrap(intl, 'Intl', keys[i], firstArgument);
            }
        }
        intlGuarded = true;
    }
    defineProperty(G, 'Intl', {
        __proto__: null,
        get: function Intl() {
            guardIntl();
            defineProperty(G, 'Intl', { __proto__: null, value: intl, writable: intlProperty.writable,
                enumerable: intlProperty.enumerable, configurable: intlProperty.configurable });
            return intl;
        },
        set: function Intl(value) {
            defineProperty(G, 'Intl', { __proto__: null, value, writable: true, enumerable: false, configurable: true });
        },
        enumerable: false,
        configurable: true
    });

    // Big numbers: parsing and printing run in the host's big-number code, in time that grows with the square of
    // the digits. Arithmetic on huge operands cannot be guarded here (README: "What is not enforced").
    const bigIntLimit = BigInt(10) ** BigInt(maxBigIntDigits);
    const bigIntValue = BigInt.prototype.valueOf;
    const checkDigits = (self, args, name) => {
        const text = args[0];
        if (typeof text === 'object' && text !== null || typeof text === 'function') {
            // Its conversion could answer the guard and the parser differently.
            throw error('TypeError', name + ' takes a number, a string, a boolean or a BigInt in this sandbox');
        }
        if (typeof text === 'string' && text.length > maxBigIntDigits + 16) {
            throw error('RangeError', name + ' was given ' + text.length + ' characters; this sandbox parses '
                + 'BigInts of at most ' + maxBigIntDigits + ' digits');
        }
    };
    const checkMagnitude = (self, args, name) => {
        const value = typeof self === 'object' && self !== null ? apply(bigIntValue, self, []) : self;
        if (typeof value === 'bigint' && (value >= bigIntLimit || -value >= bigIntLimit)) {
            throw error('RangeError', name + ' was called on a BigInt of more than ' + maxBigIntDigits
                + ' digits; this sandbox prints BigInts of at most that size');
        }
    };
    wrap(G, '', 'BigInt', checkDigits);
    wrap(BigInt.prototype, 'BigInt.prototype', 'toString', checkMagnitude);

    // Buffers: one allocation may not exceed what the whole execution may allocate.
    const checkBytes = (self, args, name) => {
        const bytes = args[0];
        const options = args[1];
        const most = options !== null && typeof options === 'object'
            ? dataValue(options, 'maxByteLength', name, 'options') : undefined;
        for (const value of [bytes, most]) {
            const n = typeof value === 'string' ? NumberCtor(value) : value;
            if (typeof n === 'number' && n > maxBufferBytes || typeof n === 'object' && n !== null
                    || typeof n === 'function') {
                throw error('RangeError', name + ' was asked for ' + StringCtor(n) + ' bytes; one buffer may '
                    + 'hold at most ' + maxBufferBytes + ' bytes in this sandbox (the smaller of 128 MiB and '
                    + 'the execution\'s allocation budget, max-allocated-bytes)');
            }
        }
    };
    wrap(G, '', 'ArrayBuffer', checkBytes);
    for (const key of ['Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array',
        'Uint32Array', 'Float16Array', 'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array']) {
        const constructor = G[key];
        if (typeof constructor === 'function') {
            const bytesPerElement = constructor.BYTES_PER_ELEMENT;
            wrap(G, '', key, (self, args, name) => {
                const first = args[0];
                if (first !== null && typeof first === 'object' && !(first instanceof ArrayBuffer)) {
                    checkLength(first, name);
                }
                else if (typeof first !== 'object') {
                    checkBytes(self, [typeof first === 'string' ? NumberCtor(first) * bytesPerElement
                        : typeof first === 'number' ? first * bytesPerElement : first], name);
                }
            });
        }
    }
    for (const key of ['transfer', 'transferToFixedLength']) {
        if (typeof ArrayBuffer.prototype[key] === 'function') {
            wrap(ArrayBuffer.prototype, 'ArrayBuffer.prototype', key, checkBytes);
        }
    }

    return freeze({ outcome, run, bind });
})
