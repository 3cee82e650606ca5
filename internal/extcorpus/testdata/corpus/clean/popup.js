console.warn("a warning is not an error");
