/*
 * What a working agent does to its files, for the migration tests (never shipped): run inside a test agent.
 *   agent-work churn DIR...          files created and deleted continuously in each DIR, and a subdirectory made and
 *                                    removed now and then, as temp files and caches come and go
 *   agent-work sqlite DB             a SQLite database in rollback-journal mode, a row added in a loop: its -journal is
 *                                    created and deleted at every transaction
 *   agent-work sqlite-check DB       prints SQLite's integrity check ("ok") and the row count
 *   agent-work log FILE              a line appended every 10 ms
 *   agent-work mmap FILE FIRST NEXT  FILE (4 KiB) mapped shared: FIRST (8 bytes) stored at once, NEXT at SIGUSR1, through
 *                                    the same mapping (so a store to a page still dirty faults no more), then waits
 *   agent-work mmap-loop FILE        a counter stored through a shared mapping every millisecond until it is killed
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static volatile sig_atomic_t next_value;

static void on_usr1(int sig) { (void)sig; next_value = 1; }

static int fail(const char *what) {
    fprintf(stderr, "agent-work: %s: %s\n", what, strerror(errno));
    return 1;
}

static char *mapped(const char *path) {
    int fd = open(path, O_RDWR | O_CREAT, 0644);
    if (fd < 0 || ftruncate(fd, 4096) != 0) return NULL;
    char *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    close(fd);
    return page == MAP_FAILED ? NULL : page;
}

static int churn(int count, char **dirs) {
    char path[4096];
    for (unsigned long i = 0;; i++) {
        for (int d = 0; d < count; d++) {
            mkdir(dirs[d], 0755);
            snprintf(path, sizeof path, "%s/tmp-%lu", dirs[d], i % 7);
            int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
            if (fd >= 0) {
                if (write(fd, path, strlen(path)) < 0) return fail(path);
                close(fd);
            }
            if (i % 50 == 0) {
                snprintf(path, sizeof path, "%s/cache-dir", dirs[d]);
                mkdir(path, 0755);
                rmdir(path);
            }
        }
        usleep(500);
        for (int d = 0; d < count; d++) {
            snprintf(path, sizeof path, "%s/tmp-%lu", dirs[d], i % 7);
            unlink(path);
        }
        usleep(500);
    }
}

static int sql(sqlite3 *db, const char *statement) {
    char *error = NULL;
    if (sqlite3_exec(db, statement, NULL, NULL, &error) != SQLITE_OK) {
        fprintf(stderr, "agent-work: %s: %s\n", statement, error);
        return 1;
    }
    return 0;
}

static int database(const char *path) {
    sqlite3 *db;
    if (sqlite3_open(path, &db) != SQLITE_OK) return fail(path);
    sqlite3_busy_timeout(db, 5000);
    if (sql(db, "PRAGMA journal_mode=DELETE") || sql(db, "CREATE TABLE IF NOT EXISTS notes(n INTEGER, text TEXT)"))
        return 1;
    for (;;) {
        if (sql(db, "INSERT INTO notes VALUES (random(), 'what the agent remembered')")) return 1;
        usleep(10000);
    }
}

static int check(const char *path) {
    sqlite3 *db;
    sqlite3_stmt *row;
    if (sqlite3_open(path, &db) != SQLITE_OK) return fail(path);
    sqlite3_busy_timeout(db, 10000);
    const char *queries[] = {"PRAGMA integrity_check", "SELECT count(*) FROM notes"};
    for (int q = 0; q < 2; q++) {
        if (sqlite3_prepare_v2(db, queries[q], -1, &row, NULL) != SQLITE_OK || sqlite3_step(row) != SQLITE_ROW) {
            fprintf(stderr, "agent-work: %s: %s\n", queries[q], sqlite3_errmsg(db));
            return 1;
        }
        printf("%s\n", (const char *)sqlite3_column_text(row, 0));
        sqlite3_finalize(row);
    }
    return 0;
}

static int log_lines(const char *path) {
    for (unsigned long i = 0;; i++) {
        FILE *log = fopen(path, "a");
        if (log == NULL) return fail(path);
        fprintf(log, "line %lu of the agent's log\n", i);
        fclose(log);
        usleep(10000);
    }
}

static int mmap_store(const char *path, const char *first, const char *next) {
    char *page = mapped(path);
    if (page == NULL) return fail(path);
    signal(SIGUSR1, on_usr1);
    memcpy(page, first, 8);
    while (!next_value) pause();
    memcpy(page, next, 8);
    for (;;) pause();
}

static int mmap_loop(const char *path) {
    char *page = mapped(path);
    if (page == NULL) return fail(path);
    char value[9];
    for (unsigned long i = 0;; i++) {
        snprintf(value, sizeof value, "%08lu", i % 100000000);
        memcpy(page, value, 8);
        usleep(1000);
    }
}

int main(int argc, char **argv) {
    if (argc >= 3 && strcmp(argv[1], "churn") == 0) return churn(argc - 2, argv + 2);
    if (argc == 3 && strcmp(argv[1], "sqlite") == 0) return database(argv[2]);
    if (argc == 3 && strcmp(argv[1], "sqlite-check") == 0) return check(argv[2]);
    if (argc == 3 && strcmp(argv[1], "log") == 0) return log_lines(argv[2]);
    if (argc == 5 && strcmp(argv[1], "mmap") == 0) return mmap_store(argv[2], argv[3], argv[4]);
    if (argc == 3 && strcmp(argv[1], "mmap-loop") == 0) return mmap_loop(argv[2]);
    fprintf(stderr, "usage: agent-work churn DIR... | sqlite DB | sqlite-check DB | log FILE | mmap FILE FIRST NEXT"
                    " | mmap-loop FILE\n");
    return 2;
}
