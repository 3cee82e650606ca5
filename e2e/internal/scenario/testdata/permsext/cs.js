// Only here so that the manifest has a content script.
