# `cmake --graphviz=FILE.dot`: deskd's libraries and programs only (the
# picture in docs/architecture.md); tests and third-party libraries left out.
set(GRAPHVIZ_GRAPH_NAME "deskd")
set(GRAPHVIZ_EXTERNAL_LIBS FALSE)
set(GRAPHVIZ_IGNORE_TARGETS "unit_tests;wire_test;wire_bench;digest_html_sample;bench_scheduler;.*_testing")
set(GRAPHVIZ_GENERATE_PER_TARGET FALSE)
set(GRAPHVIZ_GENERATE_DEPENDERS FALSE)
