// The pure-JVM transpiler (JvmProgramParser): Babel's parser reads a program, Sucrase strips its types. Evaluated
// once per parser context; the program's text is only ever data here.
(function (babel, sucrase) {
    'use strict';
    const parseOptions = {
        sourceType: 'unambiguous',
        allowAwaitOutsideFunction: true,
        allowReturnOutsideFunction: true,
        createParenthesizedExpressions: true,
        attachComment: false,
        plugins: ['typescript'],
    };
    const transformOptions = { transforms: ['typescript'], disableESTransforms: true };
    // Lines and columns are computed from the offsets on the JVM: without them the tree is half the size.
    const withoutLocations = (key, value) => (key === 'loc' || key === 'extra') ? undefined : value;
    return {
        parse(code) {
            try {
                return JSON.stringify(babel.parse(code, parseOptions).program, withoutLocations);
            } catch (error) {
                if (error instanceof SyntaxError && typeof error.pos === 'number') {
                    // Where, as an offset: the JVM counts lines as the engine does (Babel also counts U+2028).
                    return JSON.stringify({ error: String(error.message), pos: error.pos, reasonCode: String(error.reasonCode) });
                }
                if (error instanceof RangeError) {
                    // The stack of the parser, or JSON.stringify's nesting, ran out: a tree too deep.
                    return JSON.stringify({ tooDeep: true });
                }
                throw error;
            }
        },
        transpile(code) {
            return sucrase.transform(code, transformOptions).code;
        },
    };
})
