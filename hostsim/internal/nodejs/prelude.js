// Node-shaped objects whose behaviour lives in Go (`native`): fs.Stats and errors with errno codes.
(function (native) {
	"use strict";
	class Stats {
		constructor(a) {
			[this.dev, this.mode, this.nlink, this.uid, this.gid, this.rdev, this.blksize, this.ino,
				this.size, this.blocks, this.atimeMs, this.mtimeMs, this.ctimeMs, this.birthtimeMs] = a;
			this.atime = new Date(this.atimeMs);
			this.mtime = new Date(this.mtimeMs);
			this.ctime = new Date(this.ctimeMs);
			this.birthtime = new Date(this.birthtimeMs);
		}
		isFile() { return (this.mode & 0o170000) === 0o100000; }
		isDirectory() { return (this.mode & 0o170000) === 0o040000; }
		isSymbolicLink() { return (this.mode & 0o170000) === 0o120000; }
		isFIFO() { return (this.mode & 0o170000) === 0o010000; }
		isSocket() { return (this.mode & 0o170000) === 0o140000; }
		isCharacterDevice() { return (this.mode & 0o170000) === 0o020000; }
		isBlockDevice() { return (this.mode & 0o170000) === 0o060000; }
	}
	const makeError = (errno, code, desc, syscall, path, dest) => {
		let msg = code + ": " + desc + ", " + syscall;
		if (path !== undefined) {
			msg += " '" + path + "'";
		}
		if (dest !== undefined) {
			msg += " -> '" + dest + "'";
		}
		const err = new Error(msg);
		err.errno = errno;
		err.code = code;
		err.syscall = syscall;
		if (path !== undefined) {
			err.path = path;
		}
		if (dest !== undefined) {
			err.dest = dest;
		}
		return err;
	};
	return { Stats, makeError };
})
