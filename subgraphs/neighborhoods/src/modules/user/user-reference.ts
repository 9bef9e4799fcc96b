/**
 * A User as this subgraph knows it: only the id the gateway hands over. The users service owns everything
 * else; this service adds the 동네인증 fields to it.
 */
export interface UserReference {
  id: string;
}
