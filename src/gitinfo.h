/*
 * gitinfo.h - the git commit and branch of the working folder
 *
 * A saved run says what code it measured: when the folder dbbench runs in
 * is a git checkout, gitinfo_read() gives HEAD's commit and, unless HEAD is
 * detached, its branch.  git is run directly (no shell) with its errors
 * discarded; without git or outside a checkout both are NULL.
 */
#ifndef DBBENCH_GITINFO_H
#define DBBENCH_GITINFO_H

void gitinfo_read(char **commit, char **branch);

#endif
