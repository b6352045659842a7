/** The teams of the local authority, from configuration: allocation moves cases between these only. */
export interface Organisation {
  teams: readonly string[];
  /** Teams that are the Multi-Agency Safeguarding Hub: their members make the front door's decisions. */
  mashTeams: readonly string[];
}
