/* dump.h — the message model as JSON (`phishcheck --model`): for debugging, tests and
 * for anyone writing a check who wants to see what the parser saw. */
#ifndef PC_DUMP_H
#define PC_DUMP_H
#include <jansson.h>
#include "parse/model.h"

json_t *pc_model_json(const pc_message *m);

#endif
