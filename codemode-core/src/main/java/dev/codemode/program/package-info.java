/**
 * The model's code made ready to run: {@link ProgramNormalizer} strips a markdown fence,
 * decides the program's shape on its syntax tree (SWC or Babel's parser), strips
 * TypeScript types through a {@link Transpiler} and returns a {@link PreparedProgram}
 * whose {@link LineMap} and {@link ThrowSite}s map errors back to the code as the model
 * wrote it; a program that cannot run is a {@link ProgramException}.
 */
@NullMarked
package dev.codemode.program;

import org.jspecify.annotations.NullMarked;
