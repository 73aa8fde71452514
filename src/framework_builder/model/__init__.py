"""What a framework is: the pydantic models, its items, releases, differences between versions, JSON Schema."""
