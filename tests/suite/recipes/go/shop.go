// Package shop is the Go recipe's code under test (see ../README).
package shop

// Total is the price of n items at price each, in cents.
func Total(n, price int) int { return n * price }
