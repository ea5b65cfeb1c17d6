/*
 * fsinfo.c - naming the file system under a database's files
 *
 * Creating and deleting files (TRUNCATE, CREATE DATABASE, SQLite file
 * copies) costs many times more on a disk than on tmpfs, so every report
 * says where the data lives: "tmpfs", "ext4", ... from statfs(2) on the
 * path, or on its folder when the file does not exist yet.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <sys/vfs.h>

#include "fsinfo.h"

static const struct {
	unsigned long magic;
	const char *name;
} known[] = {
	{ 0x01021994UL, "tmpfs" },
	{ 0xEF53UL, "ext4" },
	{ 0x58465342UL, "xfs" },
	{ 0x9123683EUL, "btrfs" },
	{ 0x794C7630UL, "overlayfs" },
	{ 0x6969UL, "nfs" },
	{ 0x65735546UL, "fuse" },
	{ 0x2FC12FC1UL, "zfs" },
	{ 0x858458F6UL, "ramfs" },
	{ 0x9FA0UL, "proc" },
};

/*
 * Write "tmpfs", "ext4", "fs 0x..." or "unknown" for path into buf.  A path
 * that does not exist is looked up by its folder.
 */
void
fsinfo_describe(const char *path, char *buf, size_t len)
{
	struct statfs st;
	char dir[4096];
	const char *slash;
	size_t i;

	if (statfs(path, &st) != 0) {
		slash = strrchr(path, '/');
		if (slash == NULL)
			snprintf(dir, sizeof dir, ".");
		else if (slash == path)
			snprintf(dir, sizeof dir, "/");
		else
			snprintf(dir, sizeof dir, "%.*s", (int)(slash - path),
			    path);
		if (statfs(dir, &st) != 0) {
			snprintf(buf, len, "unknown");
			return;
		}
	}
	for (i = 0; i < sizeof known / sizeof known[0]; i++)
		if ((unsigned long)st.f_type == known[i].magic) {
			snprintf(buf, len, "%s", known[i].name);
			return;
		}
	snprintf(buf, len, "fs 0x%lx", (unsigned long)st.f_type);
}
