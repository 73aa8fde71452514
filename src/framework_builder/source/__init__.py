"""Reading a framework: files, YAML with positions, diagnostics and their codes, checks, git refs."""
