--------------------- MODULE MCPlainDistributedCounter ----------------------
\* TLC's cfg has no tuple values: the tuple the model needs is defined here over
\* the model values, and the cfg binds it with `Order <- MCOrder`.
EXTENDS PlainDistributedCounter
CONSTANTS n1, n2, n3
MCOrder == <<n1, n2, n3>>
=============================================================================
