module github.com/openinfo/openinfo

go 1.26
