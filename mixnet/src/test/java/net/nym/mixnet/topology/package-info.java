/** Tests of topology signatures and the t-of-n verifier. */
package net.nym.mixnet.topology;
