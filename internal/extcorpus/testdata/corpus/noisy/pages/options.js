setTimeout(() => { throw new TypeError("late options error"); }, 1500);
