Promise.reject(new Error("popup rejects"));
