package cn.tongxin.people;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

interface UnitRepository extends JpaRepository<Unit, Long> {
    List<Unit> findAllByOrderByPathAsc();

    @Query("select u from Unit u where u.path like concat(:prefix, '%') order by u.path")
    List<Unit> findSubtree(String prefix);
}

interface SectorRepository extends JpaRepository<Sector, Long> {
    @Query("select s from Sector s order by s.sortOrder, s.id")
    List<Sector> findAllOrdered();
}

interface PartyRepository extends JpaRepository<Party, Long> {
    @Query("select p from Party p order by p.sortOrder, p.id")
    List<Party> findAllOrdered();
}

interface PersonRepository extends JpaRepository<Person, Long> {
    Optional<Person> findByIdCard(String idCard);

    @Query("select p.idCard from Person p where p.idCard in :idCards")
    List<String> findExistingIdCards(java.util.Collection<String> idCards);
}

interface AccountRepository extends JpaRepository<Account, Long> {
    @Query("select a from Account a where lower(a.username) = lower(:username)")
    Optional<Account> findByUsername(String username);

    Optional<Account> findByPersonId(Long personId);

    @Query("select a.personId from Account a where a.personId in :personIds")
    List<Long> findPersonIdsWithAccount(java.util.Collection<Long> personIds);

    /** One statement, so that parallel revocations (a logout on two devices) both count. */
    @Modifying
    @Query(value = "update account set token_version = token_version + 1 where id = :accountId", nativeQuery = true)
    int revokeRememberedLogins(long accountId);

    @Query("select a.username from Account a where lower(a.username) in :usernames")
    List<String> findTakenUsernames(java.util.Collection<String> usernames);
}
