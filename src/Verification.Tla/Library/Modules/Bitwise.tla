------------------------------- MODULE Bitwise ------------------------------
(* The community module Bitwise, written for this project: bitwise and, or, *)
(* exclusive or and complement of natural numbers, one bit at a time from   *)
(* the least significant one.                                               *)
LOCAL INSTANCE Integers

RECURSIVE BitAnd(_, _)
LOCAL BitAnd(x, y) ==
  IF x = 0 \/ y = 0 THEN 0 ELSE 2 * BitAnd(x \div 2, y \div 2) + (x % 2) * (y % 2)

RECURSIVE BitOr(_, _)
LOCAL BitOr(x, y) ==
  IF x = 0 THEN y ELSE IF y = 0 THEN x
  ELSE 2 * BitOr(x \div 2, y \div 2) + IF x % 2 = 1 \/ y % 2 = 1 THEN 1 ELSE 0

RECURSIVE BitXor(_, _)
LOCAL BitXor(x, y) ==
  IF x = 0 THEN y ELSE IF y = 0 THEN x
  ELSE 2 * BitXor(x \div 2, y \div 2) + ((x + y) % 2)

RECURSIVE BitNot(_)
LOCAL BitNot(x) == IF x = 0 THEN 0 ELSE 2 * BitNot(x \div 2) + ((x + 1) % 2)

x & y == BitAnd(x, y)

x | y == BitOr(x, y)

x ^^ y == BitXor(x, y)

Not(a) == BitNot(a)

RECURSIVE shiftR(_, _)
shiftR(n, pos) == IF pos = 0 THEN n ELSE shiftR(n \div 2, pos - 1)
=============================================================================
