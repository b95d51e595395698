/**
 * Tool discovery, for programs that work with more tools than fit in a description: a
 * {@link ToolCatalog} ranks the tools against a query (BM25 over their names, namespaces,
 * parameters and descriptions), the reserved {@link CatalogNamespace} lets programs call
 * {@code catalog.search} and {@code catalog.describe}, and {@link DiscoveryMode} says
 * when the description lists tools instead of declaring them.
 */
@NullMarked
package dev.codemode.discovery;

import org.jspecify.annotations.NullMarked;
