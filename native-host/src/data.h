/* data.h — the data files of native-host/data/ (brands, redirectors, lure phrases, the
 * text catalogue ...). They are compiled into the binary; pc_data_set_dir() makes the
 * host read them from a folder instead (--data-dir). Tables are parsed once and kept. */
#ifndef PC_DATA_H
#define PC_DATA_H
#include <stddef.h>

/* A tab-separated file: rows of fields. '#' lines and blank lines are skipped. */
typedef struct { const char **f; int n; } pc_row;
typedef struct { pc_row *rows; size_t n; } pc_table;

/* Reads data files from dir (NULL: built-in). Returns 0, or -1 if dir is unreadable. */
int pc_data_set_dir(const char *dir);
/* The bytes of a data file (NUL-terminated); NULL if there is no such file. */
const char *pc_data_file(const char *name, size_t *len);
/* The file parsed as a table (empty table if missing). Never NULL. */
const pc_table *pc_data_table(const char *name);
/* Frees every cached table (for leak checkers at exit). */
void pc_data_free(void);

#endif
