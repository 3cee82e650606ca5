console.error("worker says no");
