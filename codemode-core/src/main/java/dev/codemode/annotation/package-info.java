/**
 * The annotations a tool author puts on tool beans: {@link CodeModeNamespace} gives a
 * bean's tools a namespace of their own, and {@link RequiresApproval} puts each call of a
 * tool to the application's approval handler first.
 */
@NullMarked
package dev.codemode.annotation;

import org.jspecify.annotations.NullMarked;
