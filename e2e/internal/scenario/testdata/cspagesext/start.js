// Marks the document, which an extension page would show if Chromium injected into it.
document.documentElement.dataset.csStart = "ran";
