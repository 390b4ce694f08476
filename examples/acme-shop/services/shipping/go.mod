module github.com/acme/acme-shop/services/shipping

go 1.22

require github.com/lib/pq v1.10.9
