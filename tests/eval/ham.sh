#!/bin/sh
# ham.sh SA_DATA OUT — lays the SpamAssassin ham groups out as folders of raw messages
# (symbolic links to the package's .txt files, which hold each message's raw text).
set -eu
src=$1 out=$2
for pair in easy-ham-1:easy_ham easy-ham-2:easy_ham_2 hard-ham-1:hard_ham; do
    from=${pair%%:*} to=$out/${pair#*:}
    rm -rf "$to"; mkdir -p "$to"
    abs=$(cd "$src/$from" && pwd)
    ln -s "$abs"/*.txt "$to/"
done
