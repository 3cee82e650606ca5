throw new Error("boom from a file");
