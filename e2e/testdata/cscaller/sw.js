// The tests evaluate chrome.runtime.sendMessage(exampleId, ...) here, as the extension itself.
