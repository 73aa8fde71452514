"""The form editor (`framework-builder edit`): Decap CMS configured from the models, with a local backend."""
